import logging
import threading

log = logging.getLogger("bank")
logging.basicConfig(level=logging.DEBUG, format="[%(levelname)-8s] %(name)s %(threadName)s: %(message)s")
log.debug("debug %s", 1)
log.info("info")
log.warning("warn %d%%", 50)
sub = logging.getLogger("bank.sub")
sub.setLevel(logging.ERROR)
sub.info("hidden")
sub.error("shown %r", "x")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("failed")
print(log.getEffectiveLevel(), sub.getEffectiveLevel(), logging.getLevelName(30), log)
def w():
    logging.info("from %s", threading.current_thread().name)
t = threading.Thread(target=w, name="T"); t.start(); t.join()

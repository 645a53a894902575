# A Future completed by hand from another thread: result() blocks until set_result,
# result(timeout) raises TimeoutError, exception() returns the exception.
import threading
import time
import concurrent.futures as cf

fut = cf.Future()
print("running?", fut.running(), "done?", fut.done(), "cancelled?", fut.cancelled())
print(repr(fut).split(" at ")[0], repr(fut).split()[-1])


def producer():
    time.sleep(0.3)
    fut.set_result({"answer": 42})


threading.Thread(target=producer, name="producer").start()
try:
    fut.result(timeout=0.1)
except cf.TimeoutError:
    print("not yet (TimeoutError)", cf.TimeoutError is TimeoutError)
print("got", fut.result())
print(repr(fut).split()[-3:])

bad = cf.Future()
bad.set_exception(KeyError("missing"))
print("exception:", repr(bad.exception()), bad.done())
try:
    bad.result()
except KeyError as e:
    print("result() re-raised", repr(e))
try:
    bad.set_result(1)
except cf.InvalidStateError as e:
    print("InvalidStateError:", str(e).split(":")[0])

c = cf.Future()
print("cancel:", c.cancel(), c.cancelled(), c.done())
try:
    c.exception()
except cf.CancelledError:
    print("CancelledError from exception()")

import threading, time
def report(tag):
    t = threading.current_thread()
    print(f"{tag}: name={t.name} daemon={t.daemon} main={t is threading.main_thread()}")
report("main")
t1 = threading.Thread(target=report, args=("custom",), name="Worker-1")
t1.start(); t1.join()
t2 = threading.Thread(target=report, args=("daemon",), daemon=True)
t2.start(); t2.join()
t3 = threading.Thread(target=report, args=("default",))
t3.start(); t3.join()
print(t3.name, t1.ident is not None, t1.is_alive())

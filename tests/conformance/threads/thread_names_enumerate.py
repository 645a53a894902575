import threading, time
def idle():
    time.sleep(0.5)
ts = [threading.Thread(target=idle, name=f"idle-{i}") for i in range(3)]
ts.append(threading.Thread(target=idle))
for t in ts: t.start()
names = sorted(t.name for t in threading.enumerate())
print(names)
print(threading.active_count())
for t in ts: t.join()
print(threading.active_count(), threading.current_thread().name)

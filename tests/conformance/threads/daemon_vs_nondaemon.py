import threading, time
def background():
    for i in range(100):
        time.sleep(0.3)
        print("tick", i)
def foreground():
    time.sleep(1.0)
    print("foreground done")
d = threading.Thread(target=background, daemon=True)
f = threading.Thread(target=foreground)
d.start(); f.start()
print("main exits first; daemon:", d.daemon, "foreground:", f.daemon)

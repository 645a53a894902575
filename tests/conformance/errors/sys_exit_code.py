import sys, threading
def w():
    print("thread runs")
t = threading.Thread(target=w)
t.start(); t.join()
print("exiting with 5")
sys.exit(5)

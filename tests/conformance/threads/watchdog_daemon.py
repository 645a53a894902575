import threading, time
heartbeat = {"count": 0}
def watchdog():
    while True:
        time.sleep(0.25)
        heartbeat["count"] += 1
        print("heartbeat", heartbeat["count"])
threading.Thread(target=watchdog, daemon=True).start()
time.sleep(1.1)
print("main done after", heartbeat["count"], "heartbeats")

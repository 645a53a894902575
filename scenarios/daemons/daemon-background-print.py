import threading

def background_task():
    import time
    while True:
        print("Background...")
        time.sleep(1)

t = threading.Thread(target=background_task, daemon=True)
t.start()
# Main thread exits -> daemon thread is killed automatically

import threading

lock = threading.Lock()  # (added)

acquired = lock.acquire(timeout=1)
if acquired:
    try:
        print("Lock acquired")
    finally:
        lock.release()

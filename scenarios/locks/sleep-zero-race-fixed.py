import threading
import time

lock = threading.Lock()
value = 0

def edit(operation: str, amount: int, repeat: int) -> None:
    global value
    for _ in range(repeat):
        lock.acquire()
        try:
            temp = value
            time.sleep(0)
            if operation == "add":
                temp += amount
            elif operation == "subtract":
                temp -= amount
            time.sleep(0)
            value = temp
        finally:
            lock.release()

if __name__ == "__main__":
    value = 0
    adder = threading.Thread(target=edit, args=("add", 100, 10000))
    subtractor = threading.Thread(target=edit, args=("subtract", 100, 10000))
    
    adder.start()
    subtractor.start()
    
    print("Waiting for threads to finish...")
    adder.join()
    subtractor.join()
    
    print(f"Value: {value}")

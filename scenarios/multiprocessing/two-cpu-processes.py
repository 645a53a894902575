import multiprocessing
import os

def cpu_intensive(n):
    """CPU-bound: calculate sum of squares."""
    print(f"Process {multiprocessing.current_process().name} calculating...")
    return sum(i**2 for i in range(n))

# ---- Create processes ----
if __name__ == "__main__":    # REQUIRED on macOS/Windows!
    p1 = multiprocessing.Process(target=cpu_intensive, args=(1_000_000,))
    p2 = multiprocessing.Process(target=cpu_intensive, args=(1_000_000,))
    
    p1.start()
    p2.start()
    p1.join()
    p2.join()

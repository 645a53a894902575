# The GIL convoy effect: an I/O-bound thread beside a CPU-bound thread.
# The I/O thread waits 1 ms at a time (time.sleep releases the GIL). When the wait is over it
# must get the GIL back from the CPU-bound thread, which only lets go when the switch interval
# has run out. So every 1 ms "I/O" costs about 1 ms + one switch interval.
import sys
import threading
import time

def cpu_bound(stop):
    x = 0
    while not stop.is_set():
        x += 1

def io_bound(trips):
    for _ in range(15):
        start = time.perf_counter()
        time.sleep(0.001)                      # a tiny I/O wait
        trips.append(time.perf_counter() - start)

def median_ms(trips):
    return sorted(trips)[len(trips) // 2] * 1000

def measure(with_cpu_thread):
    trips = []
    stop = threading.Event()
    cpu = threading.Thread(target=cpu_bound, args=(stop,))
    io = threading.Thread(target=io_bound, args=(trips,))
    if with_cpu_thread:
        cpu.start()
    io.start()
    io.join()
    stop.set()
    if with_cpu_thread:
        cpu.join()
    return median_ms(trips)

print(f"I/O thread alone: a 1 ms wait takes {measure(False):.0f} ms")
for interval in (0.001, 0.005, 0.020):
    sys.setswitchinterval(interval)
    took = measure(True)
    print(f"beside a CPU-bound thread, switch interval {interval * 1000:.0f} ms: a 1 ms wait takes {took:.0f} ms")

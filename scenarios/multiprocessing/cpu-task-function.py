# B) Why multiprocessing helps CPU-bound work (real benefit)

# CPU-heavy function
import multiprocessing
import time

def cpu_task(n):
    total = 0
    for i in range(n):
        total += i
    return total

# But processes can’t directly “return” like normal calls, so we use a Queue to get results.


print("Sum:", cpu_task(1_000_000))

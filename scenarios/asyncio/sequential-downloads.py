# Why normal code is slow (sequential)

import time

def download_simulation(n):
    time.sleep(2)  # blocking sleep (pretend it's network wait)
    return f"file-{n}"

start = time.time()

print(download_simulation(1))
print(download_simulation(2))
print(download_simulation(3))

end = time.time()
print("Time taken:", round(end - start, 1))
# OUTPUT (approx):
# file-1
# file-2
# file-3
# Time taken: ~6.0

# Note: Meaning: each call blocks, so total time adds up.

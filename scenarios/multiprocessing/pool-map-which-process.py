# The easiest high-level multiprocessing tool: Pool

# When you have many inputs and want to run the same function on them, use Pool.

# C) Pool.map()
import multiprocessing
import os

def square(x):
    # os.getpid() shows which process is running this
    print("Squaring", x, "in process", multiprocessing.current_process().name)
    return x * x

if __name__ == "__main__":
    numbers = [1, 2, 3, 4, 5]

    with multiprocessing.Pool(processes=2) as pool:
        results = pool.map(square, numbers)  # run square() on each item in parallel

    print("Results:", results)

# OUTPUT (pid will differ):
# Squaring 1 in process 12345
# Squaring 2 in process 12346
# Squaring 3 in process 12345
# Squaring 4 in process 12346
# Squaring 5 in process 12345
# Results: [1, 4, 9, 16, 25]


# Pool creates a fixed number of worker processes
# map distributes tasks across workers
# Returns results in the same order as inputs

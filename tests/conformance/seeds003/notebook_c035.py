# What is Multiprocessing?
# Multiprocessing means running your work using multiple processes (separate Python programs) at the same time.
# A process is a running program with its own memory
# Each process can run on a different CPU core
# This gives true parallel execution for CPU-heavy work

# Why do we need multiprocessing?
# Because Python threads don’t speed up CPU-bound code well in CPython due to the GIL.
# Multiprocessing solves this by using separate processes, each with its own GIL.

# Use multiprocessing when the work is:
# - heavy calculations
# - large loops
# - data processing
# - CPU-bound tasks (compression, encryption, simulations)

# Key Terms:
# 1. Process: independent worker program
# 2. Main process: your original Python program
# 3. Child process: a new process created by main
# 4. IPC (Inter-Process Communication): ways to share data between processes (Queue, Pipe, shared memory)
# 5. Pickling: Python converts objects to bytes to send them to another process (important limitation)


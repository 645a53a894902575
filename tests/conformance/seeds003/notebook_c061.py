# Combining async, threading, and multiprocessing safely
# The simple rule (very important)
# - Async is great for I/O-bound
# - Multiprocessing is best for CPU-bound
# - Threads are useful for blocking I/O libraries that have no async support

# Why do we combine them?
# Because sometimes you have:
# - async web server (asyncio)
# - but you must call a blocking library (thread)
# - and you must run heavy computation (process)


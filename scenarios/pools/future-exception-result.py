from concurrent.futures import ThreadPoolExecutor

def risky():
    raise ValueError("oops")

with ThreadPoolExecutor() as executor:
    future = executor.submit(risky)
    # Exception is silently swallowed unless you call .result()
    try:
        result = future.result()
    except ValueError as e:
        print(f"Caught: {e}")

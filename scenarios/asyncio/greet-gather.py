import asyncio

# ---- Coroutine (async function) ----
async def greet(name, delay):
    print(f"Hello, {name}!")
    await asyncio.sleep(delay)    # Non-blocking sleep! (NOT time.sleep!)
    print(f"Goodbye, {name}!")
    return f"{name} done"

# ---- Running a coroutine ----
asyncio.run(greet("Sid", 1))    # Entry point

# ---- Running multiple concurrently ----
async def main():
    # These run CONCURRENTLY (not sequentially!)
    results = await asyncio.gather(
        greet("Sid", 2),
        greet("Rahul", 1),
        greet("Priya", 3),
    )
    print(results)    # ['Sid done', 'Rahul done', 'Priya done']

asyncio.run(main())    # Total: ~3s (not 6s!)

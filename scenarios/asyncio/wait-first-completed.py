import asyncio

# (added) fetch() from the gather example just above in the notes
async def fetch(url):
    await asyncio.sleep(1)
    return f"data from {url}"

async def main():
    tasks = [
        asyncio.create_task(fetch(f"url{i}")) for i in range(5)
    ]
    
    # Wait for first completed
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        print(task.result())
    
    # Wait for ALL
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    
    # Wait with timeout
    done, pending = await asyncio.wait(tasks, timeout=5.0)
    for task in pending:
        task.cancel()    # Cancel tasks that didn't finish

asyncio.run(main())  # (added) run it

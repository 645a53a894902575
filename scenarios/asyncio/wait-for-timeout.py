import asyncio

# (added) fetch() from the gather example just above in the notes
async def fetch(url):
    await asyncio.sleep(1)
    return f"data from {url}"

async def main():
    try:
        result = await asyncio.wait_for(fetch("url"), timeout=5.0)
    except asyncio.TimeoutError:
        print("Request timed out!")

asyncio.run(main())  # (added) run it

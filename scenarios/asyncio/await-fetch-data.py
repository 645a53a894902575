import asyncio

# `await` means: "Pause THIS coroutine, let others run, come back when ready"

async def fetch_data(url):
    print(f"Fetching {url}...")
    await asyncio.sleep(1)          # ‚Üê CPU is FREE to run other coroutines!
    print(f"Got {url}")
    return {"url": url, "data": "..."}

# ‚ùå NEVER use blocking calls in async code!
# time.sleep(1)      ‚Üí Blocks everything!
# requests.get(url)  ‚Üí Blocks everything!

# ‚úÖ Use async alternatives
# await asyncio.sleep(1)             ‚Üí Non-blocking
# await aiohttp.get(url)             ‚Üí Non-blocking
# await asyncpg.connect(...)         ‚Üí Non-blocking

# (added) a driver: two fetches at once
async def main():
    await asyncio.gather(fetch_data("url1"), fetch_data("url2"))

asyncio.run(main())

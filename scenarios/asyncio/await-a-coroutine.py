import asyncio

async def fetch_data(url: str) -> str:
    await asyncio.sleep(0.1)  # Non-blocking sleep
    return f"Data from {url}"

async def main():
    data = await fetch_data("http://example.com")
    print(data)

asyncio.run(main())

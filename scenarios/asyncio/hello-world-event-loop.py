import asyncio

async def main():
    print("Hello")
    await asyncio.sleep(1)
    print("World")

asyncio.run(main())  # Creates event loop, runs coroutine, closes loop

import asyncio

async def background():
    await asyncio.sleep(1)
    print("Background done")

async def main():
    task = asyncio.create_task(background())
    print("Main continues immediately")
    await task  # Now wait for it

asyncio.run(main())

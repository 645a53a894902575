import asyncio

from contextlib import asynccontextmanager

@asynccontextmanager
async def managed_resource():
    print("Acquiring")
    await asyncio.sleep(0.01)
    try:
        yield "resource"
    finally:
        print("Releasing")
        await asyncio.sleep(0.01)

async def main():
    async with managed_resource() as res:
        print(f"Using {res}")

asyncio.run(main())

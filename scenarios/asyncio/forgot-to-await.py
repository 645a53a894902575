import asyncio

async def fetch():
    return "data"

async def main():
    result = fetch()      # WRONG — returns coroutine object, not "data"
    result = await fetch() # CORRECT

asyncio.run(main())  # (added) run it

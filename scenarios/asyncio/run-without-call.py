import asyncio

# The event loop is the brain ‚Äî it decides which coroutine runs next

# asyncio.run() creates and manages the event loop
async def main():
    print("Running in event loop!")

asyncio.run(main)    # Creates loop ‚Üí runs main ‚Üí closes loop

# Get running loop (from inside async code)
async def show_loop():
    loop = asyncio.get_running_loop()
    print(loop)

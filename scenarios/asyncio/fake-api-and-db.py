# # Integrating async I/O with APIs and databases

# Async is best when using libraries that support async, like:
# - HTTP clients: aiohttp, httpx (async mode)
# - DB drivers: asyncpg (Postgres), aiomysql, motor (MongoDB)
# - Redis: redis.asyncio

# Async works best when the library provides awaitable operations.
# If the library is blocking (normal requests/DB driver), it will block the event loop.

import asyncio

async def fake_api_call(user_id):
    print("API: fetching user", user_id)
    await asyncio.sleep(1)          # pretend network wait (non-blocking)
    return {"id": user_id, "name": "User" + str(user_id)}

async def fake_db_save(user):
    print("DB: saving", user["id"])
    await asyncio.sleep(1)          # pretend DB wait (non-blocking)
    return True

async def main():
    # run multiple API calls concurrently
    users = await asyncio.gather(
        fake_api_call(1),
        fake_api_call(2),
        fake_api_call(3),
    )

    # then save them concurrently too
    saves = await asyncio.gather(*(fake_db_save(u) for u in users))

    print("Saved:", saves)
    # OUTPUT: Saved: [True, True, True]

asyncio.run(main())



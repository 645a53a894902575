import asyncio
import time

async def fetch(session_id, url, delay):
    print(f"[{session_id}] GET {url}")
    await asyncio.sleep(delay)
    if "bad" in url:
        raise ConnectionError(f"failed to fetch {url}")
    return {"url": url, "status": 200, "bytes": len(url) * 100}

async def crawl(urls):
    tasks = {asyncio.create_task(fetch(i, u, d)): u for i, (u, d) in enumerate(urls)}
    ok, failed = [], []
    for t in asyncio.as_completed(tasks):
        try:
            r = await t
            ok.append(r)
            print(f"done {r['url']:<12} {r['bytes']:>6,} bytes")
        except ConnectionError as e:
            failed.append(str(e))
            print("error:", e)
    return ok, failed

async def main():
    urls = [("/home", 0.3), ("/bad/link", 0.1), ("/about", 0.2), ("/contact", 0.4)]
    t0 = time.monotonic()
    ok, failed = await crawl(urls)
    print(f"{len(ok)} ok, {len(failed)} failed in {time.monotonic() - t0:.1f}s")
    total = sum(r["bytes"] for r in ok)
    print(f"total: {total:,} bytes ({total / 1024:.2f} KiB)")
    results = await asyncio.gather(*(fetch(9, u, d) for u, d in urls), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r if isinstance(r, Exception) else r["url"])

asyncio.run(main())

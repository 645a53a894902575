import asyncio

async def work(n):
    print("working", n)

def f():
    work(1)
    print("after f")

work(0)
f()
f()
keep = [work(2), work(3)]
print("end")

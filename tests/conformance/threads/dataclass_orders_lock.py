import threading
import time
from dataclasses import dataclass

@dataclass
class Order:
    id: int
    item: str
    qty: int = 1

orders = [Order(i, f"item{i % 3}", i % 4 + 1) for i in range(6)]
print(orders[0])
inventory = {"item0": 5, "item1": 3, "item2": 10}
lock = threading.Lock()

def process(order):
    with lock:
        have = inventory[order.item]
        if have >= order.qty:
            inventory[order.item] = have - order.qty
            print(f"order {order.id}: shipped {order.qty} x {order.item}")
        else:
            print(f"order {order.id}: backordered ({have} < {order.qty})")

threads = []
for o in orders:
    t = threading.Thread(target=process, args=(o,))
    threads.append(t)
    t.start()
    time.sleep(0.01)
for t in threads:
    t.join()
print(inventory)

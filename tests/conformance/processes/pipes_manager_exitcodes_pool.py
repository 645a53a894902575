import multiprocessing as mp
import sys
import time

def child_conn(conn):
    msg = conn.recv()
    conn.send(msg.upper())
    conn.send({"nums": [1, 2, 3]})
    conn.close()

def add_to(d, l, key):
    d[key] = key * 2
    l.append(key)

def exits(code):
    time.sleep(0.05)
    sys.exit(code)

def forever():
    while True:
        time.sleep(0.1)

def square(x):
    return x * x

if __name__ == "__main__":
    parent, child = mp.Pipe()
    p = mp.Process(target=child_conn, args=(child,))
    p.start()
    parent.send("hello")
    print(parent.recv(), parent.recv())
    p.join()
    with mp.Manager() as m:
        d, l = m.dict(), m.list()
        ps = [mp.Process(target=add_to, args=(d, l, k)) for k in range(3)]
        for q in ps: q.start()
        for q in ps: q.join()
        print(sorted(d.items()), sorted(l))
    ps = [mp.Process(target=exits, args=(c,)) for c in (0, 3)]
    for q in ps: q.start()
    for q in ps: q.join()
    print([q.exitcode for q in ps])
    f = mp.Process(target=forever, daemon=True)
    f.start()
    time.sleep(0.2)
    f.terminate()
    f.join()
    print("terminated", f.exitcode, f.is_alive())
    with mp.Pool(2) as pool:
        print(sorted(pool.imap_unordered(square, range(6))))
        print(list(pool.imap(square, range(4))))
    print(mp.cpu_count() > 0, mp.current_process().name)

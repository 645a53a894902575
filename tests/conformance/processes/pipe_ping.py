import multiprocessing


def worker(conn):
    conn.send("Hello from child")
    while True:
        msg = conn.recv()
        if msg == "stop":
            break
        conn.send(msg * 2)
    conn.close()


if __name__ == "__main__":
    parent_conn, child_conn = multiprocessing.Pipe()
    p = multiprocessing.Process(target=worker, args=(child_conn,))
    p.start()
    print("Message:", parent_conn.recv())
    for x in [1, "ab", [3]]:
        parent_conn.send(x)
        print("echo:", parent_conn.recv())
    print("poll:", parent_conn.poll(0.1))
    parent_conn.send("stop")
    p.join()
    print("exit:", p.exitcode)

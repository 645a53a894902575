# B) IPC using multiprocessing.Pipe (Two processes talk directly)
# Pipe is like a private phone line between two endpoints.

import multiprocessing

def worker(conn):
    # conn is one end of the pipe (child side)
    conn.send("Hello from child")    # send message to parent
    conn.close()                     # close this end when done

if __name__ == "__main__":
    parent_conn, child_conn = multiprocessing.Pipe()
    # parent_conn stays in main process
    # child_conn will be passed to child process

    p = multiprocessing.Process(target=worker, args=(child_conn,))
    p.start()

    msg = parent_conn.recv()         # receive message from child (blocks until available)
    p.join()

    print("Message:", msg)
    # OUTPUT: Message: Hello from child

import threading

fork = threading.Lock()
knife = threading.Lock()
log = []


def note(text):
    log.append(text)  # entering a function: CPython may switch threads here


def left_handed():
    with fork:
        note("left-handed diner has the fork")
        with knife:
            note("left-handed diner eats")


def right_handed():
    with knife:
        note("right-handed diner has the knife")
        with fork:
            note("right-handed diner eats")


a = threading.Thread(target=left_handed)
b = threading.Thread(target=right_handed)
a.start()
b.start()
a.join()
b.join()
print("\n".join(log))
print("both ate")

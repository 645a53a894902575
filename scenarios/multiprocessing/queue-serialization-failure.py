# Example of a common serialization failure
# (Do not run this in production; this is for learning.)

import multiprocessing
import os

if __name__ == "__main__":
    q = multiprocessing.Queue()

    f = open(os.devnull, "w")        # file handle (not safe to pickle)

    try:
        q.put(f)                     # tries to serialize file object -> usually fails
    except Exception as e:
        print("Serialization failed:", e)

    f.close()

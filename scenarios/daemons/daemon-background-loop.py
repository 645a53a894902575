# # 5) Daemon threads (background helper threads)
# # A daemon thread will not keep the program alive.
# # If only daemon threads are left, Python may exit immediately.

# import threading
# import time

# def background():
#     while True:
#         print("Background working...")
#         time.sleep(0.5)

# t = threading.Thread(target=background, daemon=True)  # daemon thread
# t.start()

# time.sleep(1.2)
# print("Main ends now. Program may exit even though background loop is infinite.")

# # OUTPUT (approx):
# # Background working...
# # Background working...
# # Main ends now. Program may exit even though background loop is infinite.

# (adapted) The notebook keeps this cell's code commented out; here it is again, uncommented:

import threading
import time

def background():
    while True:
        print("Background working...")
        time.sleep(0.5)

t = threading.Thread(target=background, daemon=True)  # daemon thread
t.start()

time.sleep(1.2)
print("Main ends now. Program may exit even though background loop is infinite.")


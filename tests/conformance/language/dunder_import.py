m = __import__("collections"); print(m.deque([1]))
import concurrent.futures
t = __import__("concurrent.futures"); print(t.__name__)
print(__import__("math").sqrt(16))

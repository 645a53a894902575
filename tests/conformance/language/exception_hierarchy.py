class AppError(Exception):
    pass
class NetworkError(AppError):
    def __init__(self, host, code):
        super().__init__(f"{host} failed with {code}")
        self.host = host
        self.code = code
class TimeoutError_(NetworkError):
    pass
def fetch(host):
    if host == "slow":
        raise TimeoutError_(host, 504)
    if host == "bad":
        raise NetworkError(host, 500)
    if host == "weird":
        raise AppError("weird host")
    return f"data from {host}"
for h in ["ok", "slow", "bad", "weird"]:
    try:
        print(fetch(h))
    except TimeoutError_ as e:
        print("timeout:", e, e.code)
    except NetworkError as e:
        print("network:", e.host, e.code)
    except AppError as e:
        print("app:", e)
print(issubclass(TimeoutError_, AppError), isinstance(TimeoutError_("h", 1), Exception))
try:
    raise ValueError("first")
except ValueError as e:
    try:
        raise KeyError("second") from None
    except KeyError as k:
        print(repr(k), k.__cause__, k.__suppress_context__)

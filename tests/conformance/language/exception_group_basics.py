try:
    raise ExceptionGroup("msg", [ValueError(1), KeyError(2)])
except ExceptionGroup as eg:
    print(eg, eg.exceptions, eg.message)


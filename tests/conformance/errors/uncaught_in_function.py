# An exception raised deep in calls ends the program: int() of a bad string.
def parse(text: str) -> int:
    """Turn text into a number."""
    return int(text)


def total(a, b):
    return parse(a) + parse(b)


print(total("20", "22"))
print(total("20", "twenty-two"))
print("never printed")

class A:
    x: int
    y: str = "a"
print(A.__annotations__, A.y)

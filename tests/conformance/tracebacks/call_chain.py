def a(): b()
def b(): c()
def c(): raise KeyError("k")
a()

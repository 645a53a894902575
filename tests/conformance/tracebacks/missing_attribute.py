class C:
    pass
c = C()
total = c.missing * 2

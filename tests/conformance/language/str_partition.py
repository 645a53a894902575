print("a.b.c".rpartition("."), "abc".rpartition("x"), "a=b=c".partition("="))

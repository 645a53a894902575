print("abcabc".startswith("bc", 1), "abc".endswith("b", 0, 2), "abcabc".find("a", 1), "abc".find("a", -1), "héllo".startswith("ll", 2), "x".startswith(("a","x")))

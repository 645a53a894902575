text = "  The quick brown fox jumps over the lazy dog.  "
words = text.strip().rstrip(".").split()
print(len(words), words[:3], " ".join(reversed(words)))
print(text.strip().upper(), text.count("o"), text.find("fox"), text.strip().endswith("dog."))
print([w.capitalize() for w in words if len(w) > 3])
print("-".join(w[0] for w in words), "".join(sorted(set("hello world") - {" "})))
line = "name=Ada;lang=Python;year=1843"
pairs = dict(item.split("=") for item in line.split(";"))
print(pairs, f"{pairs['name']!r:>8}|{pairs['year']:^8}|")
print("abc".rjust(6, "."), "abc".ljust(6, "."), "Title Case".swapcase(), "x".join("123"))
print("tab\tsep".split("\t"), "a,b,,c".split(",", 2), "  spaces  ".lstrip(), "%d items" % 3)

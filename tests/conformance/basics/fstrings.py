# f-strings with simple format specs: precision, width, alignment.
name = "Ada"
pi = 3.14159265
count = 42
ratio = 2 / 3
print(f"Hello, {name}!")
print(f"{pi:.1f} {pi:.2f} {ratio:.2f} {ratio:.1f}")
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f} {-1.25:.1f}")
print(f"[{count:5}]")
print(f"[{name:5}]")
print(f"[{count:>8}]")
print(f"[{name:>8}]")
print(f"[{name:<4}|")
print(f"[{count:<4}|")
print(f"{count} items cost {count * 0.5:.2f} in total")
print(f"{name}{name} {count + 1} {count // 5}")
print(f"{1 / 3}")
print(f"{True} {None} {-count}")
print(f"sum={1 + 2}, product={3 * 4}")
print(f"{'nested'}")

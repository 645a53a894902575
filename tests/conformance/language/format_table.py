rows = [("alice", 3, 1234.5), ("bob", 12, 7.25), ("charlotte", 7, 99999.999)]
print(f"{'name':<10}|{'n':>4}|{'amount':>12}")
print("-" * 28)
for name, n, amount in rows:
    print(f"{name:<10}|{n:>4}|{amount:>12,.2f}")
total = sum(a for _, _, a in rows)
print(f"{'total':<10}|{len(rows):>4}|{total:>12,.2f}")
print("{:08.3f} {:+.1e} {:x} {:o} {:b}".format(3.14159, 12345.6789, 255, 8, 5))
print("%-6s|%6.2f|%03d" % ("ab", 2.5, 7))
print(f"{0.1:.20f} {1/7:.15g} {2**0.5!r} {10**-5}")

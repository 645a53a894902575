import itertools as it
from functools import lru_cache, partial, reduce, cmp_to_key, total_ordering
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print([(k, list(g)) for k, g in it.groupby("aaabccdd")])
print(list(it.zip_longest("ab", "xyz", fillvalue="-")), list(it.pairwise([1, 2, 3])))
print(list(it.permutations("abc", 2)), list(it.combinations_with_replacement("ab", 2)))
print(list(it.islice(it.count(10, 5), 2, 8, 2)), list(it.takewhile(lambda x: x < 3, range(10))))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.chain.from_iterable([[1], [2, 3]])))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info())
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
p = partial(int, base=2)
print(p("101"), p)

from dataclasses import dataclass, field, asdict, replace
@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)
    tags: list = field(default_factory=list, repr=False)
@dataclass(frozen=True)
class P:
    x: int
    y: int = 0
jobs = sorted([Job(3, "c"), Job(1, "a"), Job(2, "b", ["x"])])
print(jobs, jobs[0] == Job(1, "zzz"), asdict(jobs[2]))
p = P(1)
print(p, replace(p, y=5), p == P(1, 0))
try:
    p.x = 3
except Exception as e:
    print(type(e).__name__, e)
try:
    P()
except TypeError as e:
    print(e)

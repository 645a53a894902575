import json, string, os, sys
data = {"threads": 4, "names": ["a", "b"], "ok": True, "ratio": 0.5, "none": None}
s = json.dumps(data)
print(s)
print(json.loads(s) == data, json.dumps(data, indent=2).count("\n"))
print(string.ascii_lowercase[:5], os.getpid() > 0, sys.version_info[:2] >= (3, 11))

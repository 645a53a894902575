import json
d = {"b": [1, 2.5, None, True], "a": {"x": "é\n"}, "n": -3e-5}
print(json.dumps(d))
print(json.dumps(d, sort_keys=True, indent=2, ensure_ascii=False))
print(json.loads('{"k": [1, 2, {"z": null}], "s": "a\\u00e9b", "f": 1.5e3}'))
try:
    json.loads('{"a": 1,}')
except json.JSONDecodeError as e:
    print("error:", e)
print(json.dumps([1, (2, 3)], separators=(",", ":")))

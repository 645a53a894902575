"""json.dumps / json.loads (and dump/load to objects with write/read) with CPython 3.11's
output: separators, indent, sort_keys, ensure_ascii, default; JSONDecodeError positions."""

__all__ = ["dumps", "loads", "dump", "load", "JSONDecodeError"]


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - (doc.rfind("\n", 0, pos) + 1) + 1
        super().__init__(f"{msg}: line {lineno} column {colno} (char {pos})")
        self.msg, self.doc, self.pos, self.lineno, self.colno = msg, doc, pos, lineno, colno


JSONDecodeError.__module__ = "json.decoder"

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or (ensure_ascii and ord(ch) > 0x7E):
            n = ord(ch)
            if n > 0xFFFF:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
            else:
                out.append("\\u%04x" % n)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _float_repr(f):
    if f != f:
        return "NaN"
    if f == float("inf"):
        return "Infinity"
    if f == -float("inf"):
        return "-Infinity"
    return repr(f)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent
    if separators is None:
        item_sep, key_sep = ("," if indent is not None else ", "), ": "
    else:
        item_sep, key_sep = separators

    def enc(o, level):
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, str):
            return _encode_str(o, ensure_ascii)
        if isinstance(o, int):
            return str(int(o))
        if isinstance(o, float):
            return _float_repr(o)
        if isinstance(o, (list, tuple)):
            if not o:
                return "[]"
            parts = [enc(v, level + 1) for v in o]
            return _wrap("[", "]", parts, level)
        if isinstance(o, dict):
            if not o:
                return "{}"
            items = list(o.items())
            if sort_keys:
                items = sorted(items, key=lambda kv: kv[0])
            parts = []
            for k, v in items:
                if isinstance(k, str):
                    key = k
                elif k is True:
                    key = "true"
                elif k is False:
                    key = "false"
                elif k is None:
                    key = "null"
                elif isinstance(k, float):
                    key = _float_repr(k)
                elif isinstance(k, int):
                    key = str(k)
                elif skipkeys:
                    continue
                else:
                    raise TypeError(f"keys must be str, int, float, bool or None, not "
                                    f"{type(k).__name__}")
                parts.append(_encode_str(key, ensure_ascii) + key_sep + enc(v, level + 1))
            return _wrap("{", "}", parts, level)
        if default is not None:
            return enc(default(o), level)
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    def _wrap(open_, close, parts, level):
        if indent is None:
            return open_ + item_sep.join(parts) + close
        inner = "\n" + indent * (level + 1)
        return open_ + inner + (item_sep + inner).join(parts) + "\n" + indent * level + close

    return enc(obj, 0)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


class _Parser:
    def __init__(self, s):
        self.s = s
        self.i = 0

    def error(self, msg, pos=None):
        raise JSONDecodeError(msg, self.s, self.i if pos is None else pos)

    def ws(self):
        s, i = self.s, self.i
        while i < len(s) and s[i] in " \t\n\r":
            i += 1
        self.i = i

    def value(self):
        self.ws()
        s, i = self.s, self.i
        if i >= len(s):
            self.error("Expecting value")
        ch = s[i]
        if ch == '"':
            return self.string()
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.arr()
        for word, val in (("null", None), ("true", True), ("false", False),
                          ("NaN", float("nan")), ("Infinity", float("inf")),
                          ("-Infinity", -float("inf"))):
            if s[i:i + len(word)] == word:
                self.i = i + len(word)
                return val
        return self.number()

    def number(self):
        s, i = self.s, self.i
        start = i
        if i < len(s) and s[i] == "-":
            i += 1
        if i >= len(s) or not s[i].isdigit():
            self.error("Expecting value", start)
        while i < len(s) and s[i].isdigit():
            i += 1
        is_float = False
        if i < len(s) and s[i] == ".":
            is_float = True
            i += 1
            while i < len(s) and s[i].isdigit():
                i += 1
        if i < len(s) and s[i] in "eE":
            is_float = True
            i += 1
            if i < len(s) and s[i] in "+-":
                i += 1
            while i < len(s) and s[i].isdigit():
                i += 1
        self.i = i
        text = s[start:i]
        return float(text) if is_float else int(text)

    def string(self):
        s = self.s
        i = self.i + 1
        out = []
        while True:
            if i >= len(s):
                self.error("Unterminated string starting at", self.i)
            ch = s[i]
            if ch == '"':
                self.i = i + 1
                return "".join(out)
            if ch == "\\":
                i += 1
                esc = s[i] if i < len(s) else ""
                if esc == "u":
                    out.append(chr(int(s[i + 1:i + 5], 16)))
                    i += 5
                    continue
                mapping = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
                           "r": "\r", "t": "\t"}
                if esc not in mapping:
                    self.error("Invalid \\escape", i - 1)
                out.append(mapping[esc])
                i += 1
                continue
            out.append(ch)
            i += 1

    def obj(self):
        self.i += 1
        result = {}
        self.ws()
        if self.s[self.i:self.i + 1] == "}":
            self.i += 1
            return result
        while True:
            self.ws()
            if self.s[self.i:self.i + 1] != '"':
                self.error("Expecting property name enclosed in double quotes")
            key = self.string()
            self.ws()
            if self.s[self.i:self.i + 1] != ":":
                self.error("Expecting ':' delimiter")
            self.i += 1
            result[key] = self.value()
            self.ws()
            ch = self.s[self.i:self.i + 1]
            self.i += 1
            if ch == "}":
                return result
            if ch != ",":
                self.error("Expecting ',' delimiter", self.i - 1)

    def arr(self):
        self.i += 1
        result = []
        self.ws()
        if self.s[self.i:self.i + 1] == "]":
            self.i += 1
            return result
        while True:
            result.append(self.value())
            self.ws()
            ch = self.s[self.i:self.i + 1]
            self.i += 1
            if ch == "]":
                return result
            if ch != ",":
                self.error("Expecting ',' delimiter", self.i - 1)


def loads(s, **kw):
    if not isinstance(s, str):
        raise TypeError(f"the JSON object must be str, bytes or bytearray, not "
                        f"{type(s).__name__}")
    p = _Parser(s)
    value = p.value()
    p.ws()
    if p.i != len(s):
        p.error("Extra data")
    return value


def load(fp, **kw):
    return loads(fp.read(), **kw)

"""logging's common surface after CPython 3.11's Lib/logging: levels, basicConfig, named
loggers with propagation to the root's handler, %-style formats (levelname, name, message,
threadName, thread, processName, process, funcName, lineno, asctime from the virtual clock),
StreamHandler to sys.stderr."""

import sys
import threading
import time as _time
import os as _os

CRITICAL = 50
FATAL = CRITICAL
ERROR = 40
WARNING = 30
WARN = WARNING
INFO = 20
DEBUG = 10
NOTSET = 0

_level_names = {CRITICAL: "CRITICAL", ERROR: "ERROR", WARNING: "WARNING", INFO: "INFO",
                DEBUG: "DEBUG", NOTSET: "NOTSET"}
_name_levels = {v: k for k, v in _level_names.items()}
_name_levels["WARN"] = WARNING
_name_levels["FATAL"] = CRITICAL

BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s"


def getLevelName(level):
    if isinstance(level, int):
        return _level_names.get(level, f"Level {level}")
    return _name_levels.get(level, f"Level {level}")


def addLevelName(level, name):
    _level_names[level] = name
    _name_levels[name] = level


def _check_level(level):
    if isinstance(level, int):
        return level
    if str(level) == level:
        if level not in _name_levels:
            raise ValueError(f"Unknown level: {level!r}")
        return _name_levels[level]
    raise TypeError(f"Level not an integer or a valid string: {level!r}")


class LogRecord:
    def __init__(self, name, level, msg, args, exc_info=None, func=None):
        self.name = name
        self.levelno = level
        self.levelname = getLevelName(level)
        self.msg = msg
        self.args = args
        self.exc_info = exc_info
        self.created = _time.time()
        self.msecs = int((self.created - int(self.created)) * 1000)
        t = threading.current_thread()
        self.threadName = t.name
        self.thread = t.ident
        import multiprocessing
        self.processName = multiprocessing.current_process().name
        self.process = _os.getpid()
        self.funcName = func or "<module>"
        self.lineno = 0
        self.module = "__main__"

    def getMessage(self):
        msg = str(self.msg)
        if self.args:
            msg = msg % self.args
        return msg


class Formatter:
    default_time_format = "%Y-%m-%d %H:%M:%S"

    def __init__(self, fmt=None, datefmt=None, style="%"):
        self._fmt = fmt or "%(message)s"
        self.datefmt = datefmt
        self._style = style

    def usesTime(self):
        return "asctime" in self._fmt

    def formatTime(self, record, datefmt=None):
        t = _time.localtime(record.created) if hasattr(_time, "localtime") else None
        if t is None:
            secs = int(record.created)
            return f"{secs},{record.msecs:03d}"
        return _time.strftime(datefmt or self.default_time_format, t) + f",{record.msecs:03d}"

    def formatException(self, exc_info):
        import traceback
        return traceback.format_exception(exc_info[1]).rstrip("\n")

    def format(self, record):
        record.message = record.getMessage()
        values = dict(record.__dict__)
        if self.usesTime():
            values["asctime"] = self.formatTime(record, self.datefmt)
        if self._style == "{":
            s = self._fmt.format(**values)
        else:
            s = self._fmt % values
        if record.exc_info:
            s = s + "\n" + _format_exc(record.exc_info[1])
        return s


def _format_exc(exc):
    import _coroutines
    return _coroutines.format_exception(exc).rstrip("\n")


class Handler:
    def __init__(self, level=NOTSET):
        self.level = _check_level(level)
        self.formatter = None
        self.lock = threading.RLock()

    def setLevel(self, level):
        self.level = _check_level(level)

    def setFormatter(self, fmt):
        self.formatter = fmt

    def format(self, record):
        return (self.formatter or _default_formatter).format(record)

    def handle(self, record):
        if record.levelno >= self.level:
            with self.lock:
                self.emit(record)

    def emit(self, record):
        raise NotImplementedError


class StreamHandler(Handler):
    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream

    def emit(self, record):
        stream = self.stream if self.stream is not None else sys.stderr
        print(self.format(record), file=stream)

    def flush(self):
        pass


class NullHandler(Handler):
    def emit(self, record):
        pass


_default_formatter = Formatter()


class Logger:
    def __init__(self, name, level=NOTSET):
        self.name = name
        self.level = _check_level(level)
        self.handlers = []
        self.parent = None
        self.propagate = True
        self.disabled = False

    def __repr__(self):
        return f"<{self.__class__.__name__} {self.name} ({getLevelName(self.getEffectiveLevel())})>"

    def setLevel(self, level):
        self.level = _check_level(level)

    def getEffectiveLevel(self):
        logger = self
        while logger:
            if logger.level:
                return logger.level
            logger = logger.parent
        return NOTSET

    def isEnabledFor(self, level):
        return not self.disabled and level >= self.getEffectiveLevel()

    def addHandler(self, h):
        if h not in self.handlers:
            self.handlers.append(h)

    def removeHandler(self, h):
        if h in self.handlers:
            self.handlers.remove(h)

    def hasHandlers(self):
        logger = self
        while logger:
            if logger.handlers:
                return True
            if not logger.propagate:
                return False
            logger = logger.parent
        return False

    def _log(self, level, msg, args, exc_info=None):
        if exc_info and not isinstance(exc_info, tuple):
            exc = sys.exception() if exc_info is True else exc_info
            exc_info = (type(exc), exc, None) if exc is not None else None
        record = LogRecord(self.name, level, msg, args, exc_info)
        logger = self
        found = 0
        while logger:
            for h in logger.handlers:
                found += 1
                h.handle(record)
            if not logger.propagate:
                break
            logger = logger.parent
        if not found and level >= WARNING:
            print(record.getMessage(), file=sys.stderr)

    def log(self, level, msg, *args, exc_info=None, **kwargs):
        if self.isEnabledFor(level):
            self._log(level, msg, args, exc_info)

    def debug(self, msg, *args, **kwargs):
        self.log(DEBUG, msg, *args, **kwargs)

    def info(self, msg, *args, **kwargs):
        self.log(INFO, msg, *args, **kwargs)

    def warning(self, msg, *args, **kwargs):
        self.log(WARNING, msg, *args, **kwargs)

    warn = warning

    def error(self, msg, *args, **kwargs):
        self.log(ERROR, msg, *args, **kwargs)

    def exception(self, msg, *args, exc_info=True, **kwargs):
        self.log(ERROR, msg, *args, exc_info=exc_info, **kwargs)

    def critical(self, msg, *args, **kwargs):
        self.log(CRITICAL, msg, *args, **kwargs)

    fatal = critical

    def getChild(self, suffix):
        return getLogger(f"{self.name}.{suffix}" if self is not root else suffix)


class RootLogger(Logger):
    def __init__(self, level):
        super().__init__("root", level)


root = RootLogger(WARNING)
_loggers = {}


def getLogger(name=None):
    if not name or name == "root":
        return root
    if name not in _loggers:
        logger = Logger(name)
        parent_name = name.rsplit(".", 1)[0] if "." in name else ""
        logger.parent = getLogger(parent_name) if parent_name else root
        _loggers[name] = logger
    return _loggers[name]


def basicConfig(**kwargs):
    force = kwargs.pop("force", False)
    if force:
        root.handlers.clear()
    if root.handlers:
        return
    handlers = kwargs.pop("handlers", None)
    if handlers is None:
        stream = kwargs.pop("stream", None)
        kwargs.pop("filename", None)
        handlers = [StreamHandler(stream)]
    fmt = Formatter(kwargs.pop("format", BASIC_FORMAT), kwargs.pop("datefmt", None),
                    kwargs.pop("style", "%"))
    for h in handlers:
        if h.formatter is None:
            h.setFormatter(fmt)
        root.addHandler(h)
    level = kwargs.pop("level", None)
    if level is not None:
        root.setLevel(level)


def _root_call(level):
    def call(msg, *args, **kwargs):
        if not root.handlers:
            basicConfig()
        root.log(level, msg, *args, **kwargs)
    return call


debug = _root_call(DEBUG)
info = _root_call(INFO)
warning = _root_call(WARNING)
warn = warning
error = _root_call(ERROR)
critical = _root_call(CRITICAL)
fatal = critical


def exception(msg, *args, exc_info=True, **kwargs):
    if not root.handlers:
        basicConfig()
    root.log(ERROR, msg, *args, exc_info=exc_info, **kwargs)


def log(level, msg, *args, **kwargs):
    if not root.handlers:
        basicConfig()
    root.log(level, msg, *args, **kwargs)


def disable(level=CRITICAL):
    root.disabled = level >= CRITICAL


def shutdown():
    pass

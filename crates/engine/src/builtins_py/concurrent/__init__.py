"""The `concurrent` package: only a namespace for `concurrent.futures`."""

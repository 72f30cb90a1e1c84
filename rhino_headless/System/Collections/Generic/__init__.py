"""Headless `System.Collections.Generic`: `List[T](items)` is a Python list, `Dictionary[K, V]()` a dict."""


class _Generic(object):
    def __init__(self, factory):
        self._factory = factory

    def __getitem__(self, types):
        return self._factory

    def __call__(self, *args):
        return self._factory(*args)


List = _Generic(list)
Dictionary = _Generic(dict)
HashSet = _Generic(set)

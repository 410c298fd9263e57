"""A small name → entry registry with lazy loading, shared by readers, summarizers and renderers."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .errors import UsageError

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """A registered implementation, imported only when first used (keeps start-up fast)."""

    name: str
    target: str  # "package.module:attribute"
    description: str = ""

    def load(self) -> Any:
        """Import and return the implementation."""
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


class Registry(Generic[T]):
    """Named entries of one kind; unknown names fail with the list of valid ones."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, Entry] = {}
        self._loaded: dict[str, T] = {}

    def register(self, name: str, target: str | Callable[..., Any], description: str = "") -> None:
        """Add (or replace) an entry; `target` is "module:attr" or the object itself."""
        if isinstance(target, str):
            self._entries[name] = Entry(name, target, description)
            self._loaded.pop(name, None)
        else:
            self._entries[name] = Entry(
                name, f"{target.__module__}:{target.__qualname__}", description
            )
            self._loaded[name] = target  # type: ignore[assignment]

    def unregister(self, name: str) -> None:
        """Remove an entry (no error when it is absent)."""
        self._entries.pop(name, None)
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._entries)

    def entry(self, name: str) -> Entry:
        """The entry for `name`, or a UsageError listing the valid names."""
        try:
            return self._entries[name]
        except KeyError:
            valid = ", ".join(self._entries)
            raise UsageError(f"unknown {self.kind} '{name}' (valid: {valid})") from None

    def get(self, name: str) -> T:
        """The loaded implementation for `name`."""
        if name not in self._loaded:
            self._loaded[name] = self.entry(name).load()
        return self._loaded[name]

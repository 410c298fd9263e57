"""Typed, key-checked reads from parsed TOML tables, with errors that name the key and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import BrieferError, ConfigError


class Table:
    """Typed reads from one TOML table; remembers used keys so leftovers can be rejected."""

    def __init__(
        self,
        data: dict[str, Any],
        name: str,
        text: str,
        origin: Path | str,
        error: type[BrieferError] = ConfigError,
    ) -> None:
        self.data, self.name, self.text, self.origin = data, name, text, origin
        self.error = error
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> BrieferError:
        """An error naming the file, the line (when found), the table and the key."""
        line = line_of(self.text, self.name, key)
        where = f"{self.origin}:{line}" if line else str(self.origin)
        name = f"[{self.name}] {key}" if self.name else key
        return self.error(f"{where}: {name}: {problem}")

    def get(
        self, key: str, kind: type | tuple[type, ...], default: Any = None, required: bool = False
    ) -> Any:
        """`key`'s value if it has the right type, else `default` (or an error if required)."""
        self.used.add(key)
        if key not in self.data:
            if required:
                what = f"[{self.name}] {key}" if self.name else f"[{key}]"
                raise self.error(f"{self.origin}: {what} is required")
            return default
        value = self.data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            names = " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)
            raise self.fail(key, f"must be {names}, not {_describe(value)}")
        return value

    def number(self, key: str, default: Any, minimum: float = 1, whole: bool = True) -> Any:
        """A whole number (or any number) of at least `minimum`."""
        value = self.get(key, int if whole else (int, float), default)
        if value is not None and value < minimum:
            raise self.fail(key, f"must be at least {minimum:g}")
        return value

    def strings(
        self, key: str, default: tuple[str, ...] = (), required: bool = False
    ) -> tuple[str, ...]:
        """A list of non-empty strings (a single string counts as a list of one)."""
        value = self.get(key, (list, str), list(default), required)
        items = [value] if isinstance(value, str) else value
        if not all(isinstance(v, str) and v.strip() for v in items):
            raise self.fail(key, "must be a list of non-empty strings")
        if required and not items:
            raise self.fail(key, "must not be empty")
        return tuple(v.strip() for v in items)

    def done(self) -> None:
        """Reject any key that no get() asked for."""
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(self.used))})")


_KIND_NAMES = {
    int: "a whole number",
    float: "a number",
    str: "a string",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def _describe(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def line_of(text: str, table: str, key: str) -> int | None:
    """The line where `key` is set inside `[table]` or the n-th `[[array]]` ("sections[2]")."""
    array = re.fullmatch(r"([A-Za-z0-9_-]+)\[(\d+)\]", table)
    if array:
        return _line_in_array(text, array.group(1), int(array.group(2)), key)
    current = ""
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]", line)
        if header:
            current = header.group(1)
            if key == current and table == "":
                return number
        elif current == table and pattern.match(line):
            return number
    return None


def _line_in_array(text: str, name: str, index: int, key: str) -> int | None:
    """The line of `key` inside the `index`-th `[[name]]` table."""
    pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    seen, inside = -1, False
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]", line):
            seen += 1
            inside = seen == index
        elif re.match(r"^\s*\[", line):
            inside = False
        elif inside and pattern.match(line):
            return number
    return None

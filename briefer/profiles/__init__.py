"""Section profiles: load bundled or user TOML files into validated Profile objects."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import ProfileError
from ..models import Profile, SectionSpec

DEFAULT_PROFILE = "default"
_PROFILE_KEYS = {
    "name",
    "title",
    "description",
    "language",
    "sentences",
    "marking",
    "key_points",
    "auto_sections",
    "sections",
}
_SECTION_KEYS = {"id", "title", "terms", "phrases", "description", "sentences", "words"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def bundled_profiles() -> list[str]:
    """Names of the profiles that ship with briefer."""
    folder = files("briefer") / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(spec: str | Path | Profile | None = None) -> Profile:
    """A Profile from a bundled name, a TOML path, or a Profile (returned as is)."""
    if isinstance(spec, Profile):
        return spec
    name = str(spec) if spec is not None else DEFAULT_PROFILE
    path = Path(name).expanduser()
    if path.suffix == ".toml" or path.exists() or "/" in name:
        if not path.is_file():
            raise ProfileError(f"profile file not found: {name}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"cannot read profile {name}: {exc}") from None
        return parse_profile(text, origin=str(path), default_name=path.stem)
    resource = files("briefer") / "profiles" / f"{name}.toml"
    if not resource.is_file():
        raise ProfileError(
            f"unknown profile '{name}' (bundled: {', '.join(bundled_profiles())};"
            " or give a path to a .toml file)"
        )
    return parse_profile(
        resource.read_text(encoding="utf-8"), origin=name, default_name=name, path=None
    )


def parse_profile(
    text: str, origin: str = "<profile>", default_name: str = "profile", path: str | None = ""
) -> Profile:
    """Parse and validate profile TOML; errors name the file, the key and (for syntax) the line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: invalid TOML: {exc}") from None
    try:
        return _validate(data, origin, default_name, path)
    except ProfileError as exc:
        raise _with_line(exc, text, origin) from None


_KEY_IN_MESSAGE = re.compile(
    r"sections\[(\d+)\]\.?([A-Za-z_]+)|'(?:sections\[(\d+)\]\.)?"
    r"([A-Za-z_]+)'"
)


def _with_line(exc: ProfileError, text: str, origin: str) -> ProfileError:
    """The error with the line of the key it names ("file:12: ..."), when that line is found."""
    message = str(exc)
    found = _KEY_IN_MESSAGE.search(message)
    if not found or not message.startswith(f"{origin}: "):
        return exc
    index = found.group(1) or found.group(3)
    key = found.group(2) or found.group(4)
    table, seen = -1, -1  # -1: the top level, before any [[sections]]
    wanted = int(index) if index is not None else -1
    key_line = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*\[\[\s*sections\s*\]\]", line):
            seen += 1
            table = seen
        elif re.match(r"^\s*\[", line):
            table = -2  # some other table
        elif table == wanted and key_line.match(line):
            return ProfileError(f"{origin}:{number}: {message[len(origin) + 2 :]}")
    return exc


def _validate(data: dict[str, Any], origin: str, default_name: str, path: str | None) -> Profile:
    """A Profile from parsed TOML, or a ProfileError naming the key."""
    _reject_unknown(data, _PROFILE_KEYS, origin, "")
    sections_data = data.get("sections", [])
    if not isinstance(sections_data, list) or not all(isinstance(s, dict) for s in sections_data):
        raise ProfileError(f"{origin}: 'sections' must be a list of [[sections]] tables")
    sections = tuple(_parse_section(s, i, origin) for i, s in enumerate(sections_data))
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise ProfileError(f"{origin}: duplicate section id in {ids}")
    name = _string(data, "name", origin, default_name)
    auto = bool(_typed(data, "auto_sections", bool, origin, not sections))
    if not sections and not auto:
        raise ProfileError(f"{origin}: a profile needs [[sections]] or auto_sections = true")
    return Profile(
        name=name,
        title=_string(data, "title", origin, name.replace("-", " ").capitalize()),
        description=_string(data, "description", origin, ""),
        language=_string(data, "language", origin, "english"),
        sentences=_positive(data, "sentences", origin, 3),
        marking=_string(data, "marking", origin, "") or None,
        key_points=_typed(data, "key_points", int, origin, 0),
        auto_sections=auto,
        sections=sections,
        path=origin if path == "" else path,
    )


def _parse_section(data: dict[str, Any], index: int, origin: str) -> SectionSpec:
    where = f"sections[{index}]"
    _reject_unknown(data, _SECTION_KEYS, origin, where + ".")
    sid = data.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise ProfileError(f"{origin}: {where}.id must be a lower-case id like 'us-outlook'")
    words = data.get("words")
    sentences = data.get("sentences")
    for key, value in (("sentences", sentences), ("words", words)):
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 1
        ):
            raise ProfileError(f"{origin}: {where}.{key} must be a positive whole number")
    return SectionSpec(
        id=sid,
        title=_string(data, "title", origin, sid.replace("-", " ").capitalize(), where + "."),
        terms=_strings(data, "terms", origin, where),
        phrases=_strings(data, "phrases", origin, where),
        description=_string(data, "description", origin, "", where + "."),
        sentences=sentences,
        words=words,
    )


def _reject_unknown(data: dict[str, Any], allowed: set[str], origin: str, where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ProfileError(
            f"{origin}: unknown key '{where}{unknown[0]}' (allowed: {', '.join(sorted(allowed))})"
        )


def _typed(data: dict[str, Any], key: str, kind: type, origin: str, default: Any) -> Any:
    value = data.get(key, default)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ProfileError(f"{origin}: '{key}' must be {kind.__name__}")
    return value


def _positive(data: dict[str, Any], key: str, origin: str, default: int) -> int:
    value = _typed(data, key, int, origin, default)
    if value < 1:
        raise ProfileError(f"{origin}: '{key}' must be at least 1")
    return int(value)


def _string(data: dict[str, Any], key: str, origin: str, default: str, where: str = "") -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ProfileError(f"{origin}: '{where}{key}' must be a string")
    return value


def _strings(data: dict[str, Any], key: str, origin: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{origin}: '{where}.{key}' must be a list of strings")
    return tuple(v for v in value if v.strip())

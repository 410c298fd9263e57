"""Section profiles: load bundled or user TOML files into validated Profile objects."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from pathlib import Path

from ..errors import ProfileError
from ..models import Profile, SectionSpec
from ..options import DEFAULT_LANGUAGE, DEFAULT_SENTENCES
from ..tomlcheck import Table

DEFAULT_PROFILE = "default"
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
    """Parse and validate profile TOML; errors name the file, the line and the key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{origin}: invalid TOML: {exc}") from None
    root = Table(data, "", text, origin, ProfileError)
    sections_data = root.get("sections", list, [])
    if not all(isinstance(s, dict) for s in sections_data):
        raise root.fail("sections", "must be a list of [[sections]] tables")
    sections = tuple(
        _parse_section(Table(s, f"sections[{i}]", text, origin, ProfileError))
        for i, s in enumerate(sections_data)
    )
    ids = [s.id for s in sections]
    if len(set(ids)) != len(ids):
        raise root.fail("sections", f"duplicate section id in {ids}")
    name = root.get("name", str, default_name)
    root.get("description", str, "")  # documented, for the reader of the file
    # Documented key: a profile without sections groups sentences into automatic topics.
    auto = root.get("auto_sections", bool, not sections)
    if not sections and not auto:
        raise root.fail("auto_sections", "a profile needs [[sections]] or auto_sections = true")
    key_points = root.number("key_points", 0, minimum=0)
    profile = Profile(
        name=name,
        title=root.get("title", str, name.replace("-", " ").capitalize()),
        language=root.get("language", str, DEFAULT_LANGUAGE),
        sentences=root.number("sentences", DEFAULT_SENTENCES),
        marking=root.get("marking", str, "") or None,
        key_points=key_points,
        show_empty=root.get("show_empty", bool, False),
        sections=sections,
        path=origin if path == "" else path,
    )
    root.done()
    return profile


def _parse_section(t: Table) -> SectionSpec:
    sid = t.get("id", str, required=True)
    if not _ID.match(sid):
        raise t.fail("id", "must be a lower-case id like 'us-outlook'")
    spec = SectionSpec(
        id=sid,
        title=t.get("title", str, sid.replace("-", " ").capitalize()),
        terms=_strings(t, "terms"),
        phrases=_strings(t, "phrases"),
        description=t.get("description", str, ""),
        sentences=t.number("sentences", None),
        words=t.number("words", None),
    )
    t.done()
    return spec


def _strings(t: Table, key: str) -> tuple[str, ...]:
    value = t.get(key, list, [])
    if not all(isinstance(v, str) for v in value):
        raise t.fail(key, "must be a list of strings")
    return tuple(v for v in value if v.strip())

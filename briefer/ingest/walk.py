"""Finding the files of a folder: every skipped entry is reported, links out are not followed."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..models import SourceFailure

__all__ = [
    "FOLLOW_LINKS",
    "FolderListing",
    "following_links",
    "os_reason",
    "stat_reason",
    "walk_folder",
]

# Set by the CLI (--follow-links) and jobs (follow_links = true) around a run.
FOLLOW_LINKS: ContextVar[bool] = ContextVar("briefer_follow_links", default=False)

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


@contextmanager
def following_links(on: bool) -> Iterator[None]:
    """Follow symbolic links that lead out of input folders while the block runs."""
    token = FOLLOW_LINKS.set(on)
    try:
        yield
    finally:
        FOLLOW_LINKS.reset(token)


def os_reason(exc: OSError) -> str:
    """A short lower-case reason for an OSError ("permission denied", "file name too long")."""
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return (exc.strerror or str(exc) or type(exc).__name__).lower()


def stat_reason(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')}): not read"


@dataclass
class FolderListing:
    """The files found under one folder, and every entry that was skipped (with the reason)."""

    files: list[str] = field(default_factory=list)
    failures: list[SourceFailure] = field(default_factory=list)
    truncated: bool = False  # stopped after `limit` entries: the caller refuses the folder


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk_folder(
    top: str, follow_links: bool | None = None, limit: int | None = None
) -> FolderListing:
    """Every regular file under `top` (hidden entries skipped), sorted, with skipped entries.

    Sub-folders that cannot be read, special files (FIFOs, sockets, devices), broken links and
    links that lead outside `top` (unless `follow_links`) become failures, never silent gaps.
    Stops once more than `limit` entries (files and skipped ones) are found, with `truncated`
    set: a folder like /proc or / is refused in one line, not listed entry by entry.
    """
    follow = FOLLOW_LINKS.get() if follow_links is None else follow_links
    listing = FolderListing()
    root_real = os.path.realpath(top)
    seen_dirs = {root_real}
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            listing.failures.append(
                SourceFailure(folder, f"cannot read the folder: {os_reason(exc)}")
            )
            continue
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path
            try:
                is_link = entry.is_symlink()
                info = os.stat(path) if is_link else entry.stat(follow_symlinks=False)
            except OSError as exc:
                reason = "broken symbolic link" if entry.is_symlink() else os_reason(exc)
                listing.failures.append(SourceFailure(path, reason))
                continue
            real = os.path.realpath(path) if is_link else None
            if real is not None and not follow and not _inside(real, root_real):
                listing.failures.append(
                    SourceFailure(
                        path,
                        "symbolic link leads outside the folder: not followed (use --follow-links)",
                    )
                )
                continue
            if stat.S_ISDIR(info.st_mode):
                key = real or os.path.realpath(path)
                if key not in seen_dirs:  # a link loop or a folder reached twice
                    seen_dirs.add(key)
                    subfolders.append(path)
                continue
            special = stat_reason(info.st_mode)
            if special:
                listing.failures.append(SourceFailure(path, special))
                continue
            listing.files.append(path)
        if limit is not None and len(listing.files) + len(listing.failures) > limit:
            listing.truncated = True
            return listing
        stack.extend(reversed(subfolders))
    listing.files.sort(key=lambda p: p.split(os.sep))  # the order Path sorting gives
    return listing

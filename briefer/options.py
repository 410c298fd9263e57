"""BriefOptions: every setting of one brief and the single home of its defaults.

The CLI flags (`briefer brief`), a job's `[brief]` table (`briefer run`) and `briefer eval` all
fill in this one object; nothing else repeats a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .fetch import Fetcher
    from .render import RenderOptions

DEFAULT_METHOD = "briefer"  # measured best: benchmarks/quality.md
DEFAULT_SENTENCES = 3  # per section, when neither the profile nor the caller says
DEFAULT_FORMATS = ("pdf", "docx")
DEFAULT_PAGE_SIZE = "A4"
DEFAULT_AUTHOR = "briefer"
DEFAULT_TIMEOUT = 10.0  # seconds per fetch
DEFAULT_WORKERS = 1
DEFAULT_LANGUAGE = "english"


@dataclass(frozen=True)
class BriefOptions:
    """How one brief is made and written; None means "the profile's" (or no limit)."""

    method: str = DEFAULT_METHOD
    sentences: int | None = None  # overrides every section's budget
    words: int | None = None  # overrides every section's budget (not with `sentences`)
    key_points: int | None = None  # None: the profile's
    title: str | None = None  # None: the profile's (or the lone article's)
    language: str | None = None  # None: the profile's
    marking: str | None = None  # None: the profile's
    created: datetime | None = None  # None: now
    formats: tuple[str, ...] = DEFAULT_FORMATS
    page_size: str = DEFAULT_PAGE_SIZE
    author: str = DEFAULT_AUTHOR
    template_dir: Path | None = None
    reference_doc: Path | None = None
    workers: int = DEFAULT_WORKERS
    timeout: float = DEFAULT_TIMEOUT
    cache_dir: Path | None = None  # None: $BRIEFER_CACHE_DIR or ~/.cache/briefer
    use_cache: bool = True
    time_limit: float | None = None  # seconds for the whole run
    # Set by checked() only; replace() makes a new object, unchecked again.
    is_checked: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.sentences is not None and self.words is not None:
            raise UsageError("give --sentences or --words, not both")

    def checked(self) -> BriefOptions:
        """These options with names normalised; UsageError for an unknown method, format, size.

        Checked once: the CLI, a job, make_brief and build_brief may all ask; only the first pays.
        """
        if self.is_checked:
            return self
        from dataclasses import replace

        from .render import parse_formats
        from .render.common import check_page_size
        from .summarize import METHODS

        METHODS.entry(self.method)
        checked = replace(
            self,
            formats=tuple(parse_formats(self.formats)),
            page_size=check_page_size(self.page_size),
        )
        object.__setattr__(checked, "is_checked", True)  # frozen: set once, here
        return checked

    def render_options(self) -> RenderOptions:
        """How the brief's files (and an email body) are rendered."""
        from .render import RenderOptions

        return RenderOptions(
            template_dir=self.template_dir,
            reference_doc=self.reference_doc,
            page_size=self.page_size,
            author=self.author,
        )

    def fetcher(self) -> Fetcher:
        """The Fetcher these options describe (cache folder, cache on or off, timeout)."""
        from .fetch import Fetcher

        return Fetcher(cache_dir=self.cache_dir, use_cache=self.use_cache, timeout=self.timeout)

    def stamp(self) -> datetime:
        """The brief's creation time, to the second."""
        return (self.created or datetime.now(UTC)).replace(microsecond=0)

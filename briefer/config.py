"""Job config (TOML) for `briefer run`: load, validate, resolve paths against the config file."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BrieferError, ConfigError, SourceError
from .mailhdr import address_problem, smtputf8_warnings, subject_problem
from .options import DEFAULT_FORMATS, DEFAULT_PAGE_SIZE, DEFAULT_WORKERS, BriefOptions
from .tomlcheck import Table

STATE_FILE = "briefer-state.sqlite3"
LOCK_FILE = ".briefer.lock"
_LEVELS = ("debug", "info", "warning", "error")


@dataclass(frozen=True)
class BriefConfig:
    """The `[brief]` table: what to read, where to write, and the brief's options."""

    sources: tuple[str, ...]  # absolute paths / globs, or URLs
    output_dir: Path
    options: BriefOptions = field(default_factory=BriefOptions)
    profile: str | None = None  # bundled name or absolute path
    name: str | None = None  # file stem (default: the profile name)
    only_new: bool = False
    send_empty: bool = False  # with only_new: a run with nothing new sends a short brief saying so
    keep_days: int = 0  # prune dated output folders older than this (0: keep everything)
    follow_links: bool = False  # follow symbolic links that lead out of source folders


@dataclass(frozen=True)
class EmailConfig:
    """The `[email]` table: where the brief goes and how."""

    to: tuple[str, ...]
    sender: str  # the `from` key
    host: str
    port: int
    subject: str = "{title} — {date}"
    cc: tuple[str, ...] = ()
    starttls: bool = True
    ssl: bool = False
    username_env: str | None = None
    password_env: str | None = None
    attach: tuple[str, ...] = ("pdf",)
    ca_file: Path | None = None  # extra CA bundle (self-hosted servers, tests)
    timeout: float = 30.0  # seconds per network operation
    max_time: float = 300.0  # total seconds for all attempts
    retry_delay: float = 5.0  # first back-off delay; doubles after each failure


@dataclass(frozen=True)
class JobConfig:
    """A validated job: brief settings, optional email, log file."""

    path: Path
    brief: BriefConfig
    email: EmailConfig | None = None
    log_file: Path | None = None
    log_level: str = "info"

    @property
    def state_path(self) -> Path:
        """The SQLite state file, next to the outputs."""
        return self.brief.output_dir / STATE_FILE

    @property
    def lock_path(self) -> Path:
        """The lock file that keeps two runs of this job apart."""
        return self.brief.output_dir / LOCK_FILE


def load_config(path: str | Path) -> JobConfig:
    """Read and validate a job config; relative paths resolve against the file's folder."""
    origin = Path(path).expanduser().absolute()
    try:
        from .ingest.source import read_local  # refuses a FIFO at once (no hang on open)

        text = read_local(str(origin), 1024 * 1024).decode("utf-8")
    except SourceError as exc:
        if str(exc) == "no such file":
            raise ConfigError(f"config file not found: {origin}") from None
        raise ConfigError(f"cannot read config {origin}: {exc}") from None
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {origin}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {origin}: {exc}") from None
    return parse_config(text, origin)


def parse_config(text: str, origin: Path) -> JobConfig:
    """Validate config TOML whose file is `origin` (used for relative paths and messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: invalid TOML: {exc}") from None
    root = Table(data, "", text, origin)
    base = origin.parent
    brief_data = root.get("brief", dict, required=True)
    email_data = root.get("email", dict)
    log_data = root.get("log", dict, {})
    root.done()
    brief = _parse_brief(Table(brief_data, "brief", text, origin), base)
    email = None
    if email_data is not None:
        email = _parse_email(Table(email_data, "email", text, origin), base)
        # Attached formats are always written too (the attachment is the file on disk).
        formats = brief.options.formats
        extra = tuple(f for f in email.attach if f not in formats)
        brief = replace(brief, options=replace(brief.options, formats=formats + extra))
    log = Table(log_data, "log", text, origin)
    log_file = log.get("file", str)
    level = log.get("level", str, "info").lower()
    if level not in _LEVELS:
        raise log.fail("level", f"must be one of {', '.join(_LEVELS)}")
    log.done()
    return JobConfig(
        path=origin,
        brief=brief,
        email=email,
        log_file=_resolve(log_file, base) if log_file else None,
        log_level=level,
    )


def _resolve(value: str, base: Path) -> Path:
    return base / Path(value).expanduser()


def is_url(value: str) -> bool:
    """True for http(s) URLs (kept as they are; everything else is a path)."""
    return value.lower().startswith(("http://", "https://"))


def _parse_brief(t: Table, base: Path) -> BriefConfig:
    from .render import parse_formats

    sources = t.strings("sources", required=True)
    if "-" in sources:
        raise t.fail("sources", "'-' (standard input) cannot be used in a job")
    profile = t.get("profile", str)
    if profile and (profile.endswith(".toml") or "/" in profile):
        profile = str(_resolve(profile, base))
    sentences, words = t.number("sentences", None), t.number("words", None)
    if sentences is not None and words is not None:
        raise t.fail("words", "give sentences or words, not both")
    method = t.get("method", str)
    formats = t.strings("formats", DEFAULT_FORMATS)
    try:
        formats = tuple(parse_formats(formats))
    except BrieferError as exc:
        raise t.fail("formats", str(exc)) from None
    if method is not None:
        from .summarize import METHODS

        try:
            METHODS.entry(method)
        except BrieferError as exc:
            raise t.fail("method", str(exc)) from None
    template_dir = t.get("template_dir", str)
    template_path = _resolve(template_dir, base) if template_dir else None
    if template_path is not None and not template_path.is_dir():
        raise t.fail("template_dir", f"folder not found: {template_path}")
    reference_doc = t.get("reference_doc", str)
    reference_path = _resolve(reference_doc, base) if reference_doc else None
    if reference_path is not None and not reference_path.is_file():
        raise t.fail("reference_doc", f"file not found: {reference_path}")
    from .render.common import check_page_size

    try:
        page_size = check_page_size(t.get("page_size", str, DEFAULT_PAGE_SIZE))
    except BrieferError as exc:
        raise t.fail("page_size", str(exc)) from None
    output_dir = _resolve(t.get("output_dir", str, "output"), base)
    cache_dir = t.get("cache_dir", str)
    options = BriefOptions(
        title=t.get("title", str),
        method=method or BriefOptions.method,
        sentences=sentences,
        words=words,
        language=t.get("language", str),
        key_points=t.number("key_points", None, minimum=0),
        marking=t.get("marking", str),
        formats=formats,
        workers=t.number("workers", DEFAULT_WORKERS),
        time_limit=t.number("time_limit", None, minimum=1, whole=False),
        template_dir=template_path,
        reference_doc=reference_path,
        page_size=page_size,
        cache_dir=_resolve(cache_dir, base) if cache_dir else job_cache_dir(output_dir),
        use_cache=not t.get("no_cache", bool, False),
        timeout=float(t.number("timeout", BriefOptions.timeout, minimum=0.1, whole=False)),
    )
    config = BriefConfig(
        sources=tuple(s if is_url(s) else str(_resolve(s, base)) for s in sources),
        output_dir=output_dir,
        options=options,
        profile=profile,
        name=t.get("name", str),
        only_new=t.get("only_new", bool, False),
        send_empty=t.get("send_empty", bool, False),
        keep_days=t.number("keep_days", 0, minimum=0),
        follow_links=t.get("follow_links", bool, False),
    )
    if config.name is not None and not re.fullmatch(r"[\w][\w.-]*", config.name):
        raise t.fail("name", "must be a plain file stem (letters, digits, '-', '_', '.')")
    t.done()
    return config


def job_cache_dir(output_dir: Path) -> Path:
    """A job's fetch cache: $BRIEFER_CACHE_DIR, else output_dir/.cache (cron may have no HOME)."""
    if os.environ.get("BRIEFER_CACHE_DIR"):
        return Path(os.environ["BRIEFER_CACHE_DIR"]).expanduser()
    return output_dir / ".cache"


def _parse_email(t: Table, base: Path) -> EmailConfig:
    to = t.strings("to", required=True)
    cc = t.strings("cc")
    for key, addresses in (("to", to), ("cc", cc)):
        for address in addresses:
            _check_address(t, key, address)
    sender = t.get("from", str, required=True)
    _check_address(t, "from", sender)
    subject = t.get("subject", str, EmailConfig.subject)
    problem = subject_problem(subject)
    if problem:
        raise t.fail("subject", problem)
    use_ssl = t.get("ssl", bool, False)
    starttls = t.get("starttls", bool, not use_ssl)
    if use_ssl and starttls:
        raise t.fail("starttls", "choose starttls or ssl, not both")
    port = t.number("port", 465 if use_ssl else 587 if starttls else 25)
    if port > 65535:
        raise t.fail("port", "must be at most 65535")
    user_env, pass_env = t.get("username_env", str), t.get("password_env", str)
    for key, name in (("username_env", user_env), ("password_env", pass_env)):
        if name is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise t.fail(key, "must be the NAME of an environment variable, not the secret")
    if (user_env is None) != (pass_env is None):
        raise t.fail(
            "password_env" if pass_env is None else "username_env",
            "username_env and password_env go together",
        )
    if user_env and not (starttls or use_ssl):
        raise t.fail("username_env", "credentials need starttls or ssl (never sent in clear)")
    attach = t.strings("attach", ("pdf",))
    try:
        from .render import parse_formats

        attach = tuple(parse_formats(attach)) if attach else ()
    except BrieferError as exc:
        raise t.fail("attach", str(exc)) from None
    ca_file = t.get("ca_file", str)
    ca_path = _resolve(ca_file, base) if ca_file else None
    if ca_path is not None and not ca_path.is_file():
        raise t.fail("ca_file", f"file not found: {ca_path}")
    config = EmailConfig(
        to=to,
        cc=cc,
        sender=sender,
        host=t.get("host", str, required=True),
        port=port,
        subject=subject,
        starttls=starttls,
        ssl=use_ssl,
        username_env=user_env,
        password_env=pass_env,
        attach=attach,
        ca_file=ca_path,
        timeout=float(t.number("timeout", 30.0, minimum=0.1, whole=False)),
        max_time=float(t.number("max_time", 300.0, minimum=0, whole=False)),
        retry_delay=float(t.number("retry_delay", 5.0, minimum=0, whole=False)),
    )
    t.done()
    return config


def _check_address(t: Table, key: str, address: str) -> None:
    problem = address_problem(address)
    if problem:
        raise t.fail(key, f"{problem}: '{address}'")


def check_config(config: JobConfig) -> list[str]:
    """Problems that do not stop validation but will bite at run time (missing sources, env)."""
    import glob

    warnings: list[str] = []
    for source in config.brief.sources:
        if not is_url(source) and not glob.glob(source):
            warnings.append(f"source not found (yet): {source}")
    if config.email:
        email = config.email
        warnings += smtputf8_warnings({"to": email.to, "cc": email.cc, "from": (email.sender,)})
        for key in ("username_env", "password_env"):
            name = getattr(config.email, key)
            if name and not os.environ.get(name):
                warnings.append(f"environment variable {name} ([email] {key}) is not set")
    from .jobcheck import run_time_problems

    warnings += run_time_problems(config)
    if config.brief.profile:
        from .profiles import load_profile

        load_profile(config.brief.profile)  # ProfileError names the problem
    return warnings

"""`briefer init`: the commented example job config."""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError

EXAMPLE_CONFIG = """\
# briefer job config: `briefer run --config THIS_FILE` (e.g. from cron; see `briefer schedule`).
# Relative paths are relative to this file, never to the working directory.

[brief]
title = "Morning brief"                  # brief title (default: the profile's)
profile = "ukraine-air-defense"           # bundled profile name, or a path to a .toml profile
# method = "lexrank"                      # see `briefer methods`
sentences = 3                             # sentences per section (or: words = 120)
sources = ["articles/"]                   # files, folders, globs, http(s) URLs, RSS/Atom feeds
formats = ["pdf", "docx", "html"]         # any of pdf, docx, md, html, json
output_dir = "output"                     # briefs go to output/YYYY-MM-DD/<name>-HHMM.<format>
only_new = true                           # brief only what is new since the last brief
# send_empty = true                       # with only_new: nothing new still sends a short brief
keep_days = 30                            # delete dated output folders older than this (0: never)
# name = "morning"                        # file stem (default: the profile name)
# time_limit = 600                        # give up after this many seconds (exit 1)
# marking = "OFFICIAL — FOR INTERNAL USE"
# template_dir = "templates"              # your brief.html.j2 / brief.md.j2 (also the email body)
# reference_doc = "letterhead.docx"       # styles and letterhead for the DOCX brief
# page_size = "A4"                        # or "Letter"
# cache_dir = "cache"                     # fetch cache ($BRIEFER_CACHE_DIR, else output/.cache)
# no_cache = true                         # fetch every URL again
# timeout = 10                            # seconds per fetch

[email]                                   # delete this table to write briefs without sending
to = ["analysts@example.org"]
from = "Briefer <briefer@example.org>"
subject = "{title} — {date}"              # {title} and {date} are filled in
host = "smtp.example.org"
port = 587
starttls = true                           # or: ssl = true (port 465)
username_env = "BRIEFER_SMTP_USER"        # NAMES of environment variables holding the login;
password_env = "BRIEFER_SMTP_PASSWORD"    # secrets never go in this file
attach = ["pdf"]                          # formats to attach (the HTML brief is the body)
# ca_file = "ca.pem"                      # extra CA certificate for a self-hosted server
# max_time = 300                          # give up retrying after this many seconds

[log]
file = "output/briefer.log"               # plain log lines (also printed on stderr)
level = "info"                            # debug, info, warning or error
"""


def write_example(path: Path, force: bool = False) -> Path:
    """Write the example config to `path` (never over an existing file unless `force`)."""
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists (use --force to overwrite it)")
    from .render import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, EXAMPLE_CONFIG.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path

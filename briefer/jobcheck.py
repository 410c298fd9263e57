"""`briefer config check` beyond the file's syntax: what a run would reject, found beforehand."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BrieferError, ConfigError

if TYPE_CHECKING:
    from .config import JobConfig

__all__ = ["run_time_problems"]


def run_time_problems(config: JobConfig) -> list[str]:
    """Warnings for what may fail later; ConfigError for what every run would fail on."""
    warnings: list[str] = []
    where = config.path
    language = config.brief.options.language
    if language:
        from .text import normalize_language

        try:
            normalize_language(language)
        except BrieferError as exc:
            raise ConfigError(f"{where}: [brief] language: {exc}") from None
    if config.email is not None and config.email.ca_file is not None:
        import ssl

        try:
            ssl.create_default_context(cafile=str(config.email.ca_file))
        except (ssl.SSLError, OSError, ValueError) as exc:
            raise ConfigError(
                f"{where}: [email] ca_file: not a usable certificate bundle"
                f" ({config.email.ca_file}: {exc})"
            ) from None
    options = config.brief.options
    if options.template_dir is not None:
        from jinja2 import TemplateError

        from .render.text import template_environment

        for template in sorted(Path(options.template_dir).glob("*.j2")):
            env = template_environment(options.render_options(), template.name.endswith(".md.j2"))
            try:
                env.get_template(template.name)
            except TemplateError as exc:
                line = getattr(exc, "lineno", None)
                at_line = f" (line {line})" if line else ""
                raise ConfigError(
                    f"{config.path}: [brief] template_dir: {template.name}{at_line}:"
                    f" {exc.message or exc}"
                ) from None
    if options.reference_doc is not None:
        import docx

        try:
            docx.Document(str(options.reference_doc))
        except Exception as exc:  # python-docx raises several types for a file that is not a DOCX
            raise ConfigError(
                f"{where}: [brief] reference_doc: {options.reference_doc} is not a readable DOCX"
                f" file ({type(exc).__name__})"
            ) from None
    if config.log_file is not None:
        log_file = config.log_file
        if log_file.is_dir():
            raise ConfigError(f"{where}: [log] file: {log_file} is a folder")
        parent = next((p for p in (log_file, *log_file.parents) if p.exists()), None)
        target = log_file if log_file.exists() else parent
        if target is not None and not os.access(target, os.W_OK):
            warnings.append(f"the log file {log_file} cannot be written (no permission)")
    return warnings

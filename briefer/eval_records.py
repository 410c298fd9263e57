"""The evaluation file format (shared/eval/README.md): records, their articles, topic profiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import SourceError
from .models import Article, Profile, SectionSpec


def read_records(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a JSONL evaluation file (the first `limit` when given)."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None
    records: list[dict[str, Any]] = []
    with handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not (
                record.get("documents") or record.get("sentences")
            ):
                raise SourceError(f"{path}:{number}: a record needs 'documents'")
            record.setdefault("id", f"record-{number}")
            records.append(record)
    return records


def record_articles(record: dict[str, Any]) -> list[Article]:
    """The record's documents as Articles (pre-split `sentences` become one paragraph each)."""
    rid = str(record.get("id", "record"))
    if record.get("sentences"):
        # One paragraph per given sentence, so positions map back to the annotators' indices.
        return [
            Article(text="\n\n".join(s.strip() for s in record["sentences"]), location=f"{rid}#0")
        ]
    return [
        Article(text=str(doc), location=f"{rid}#{k}")
        for k, doc in enumerate(record["documents"])
        if str(doc).strip()
    ]


def topic_profile(record: dict[str, Any]) -> Profile:
    """A one-section profile built from the record's topic text, words and phrases."""
    spec = SectionSpec(
        id="topic",
        title=str(record.get("topic") or "Summary"),
        terms=tuple(record.get("topic_words") or ()),
        phrases=tuple(record.get("topic_phrases") or ()),
        description=str(record.get("topic") or ""),
    )
    return Profile(name="eval", title=spec.title, sections=(spec,))

"""The floor: what merely reading a folder of articles and regex-splitting them costs.

    python benchmarks/floor.py FOLDER

Reads every file of FOLDER (UTF-8), splits it into sentences with one regex and each sentence
into words with another, and prints the counts. No real tool can brief articles faster than it
reads and tokenizes them, so benchmarks/speed.py runs this as a fresh subprocess beside
`briefer brief` on the same folder and reports briefer's time as a multiple of it (issue 15).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
WORD = re.compile(r"\w+")


def floor(folder: Path) -> tuple[int, int, int]:
    """(files, sentences, words) of every file in `folder`: read, regex-split, regex-tokenized."""
    files = sentences = words = 0
    for path in sorted(folder.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        files += 1
        for sentence in SENTENCE_END.split(text):
            if sentence.strip():
                sentences += 1
                words += len(WORD.findall(sentence))
    return files, sentences, words


if __name__ == "__main__":
    counts = floor(Path(sys.argv[1]))
    print("files {}, sentences {}, words {}".format(*counts))

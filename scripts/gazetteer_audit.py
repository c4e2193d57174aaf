"""Audit the default gazetteer against a development corpus (never the evaluation seeds).

For every term of ``kgraph/data/*.yaml`` (canonical names and variants) count the corpus
documents whose turns mention it, case-insensitively on word boundaries. Documents that
share a video with an evaluation seed are excluded, so the counts measure how general a
term is, not whether it occurs in the gold documents.

Example:
    python scripts/gazetteer_audit.py ../shared/corpus/datatalksclub --seeds ../shared/seeds \\
        --max-docs 0 --json audit.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from kgraph.model import ENTITY_TYPES
from kgraph.readers import read_paths

DATA = Path(__file__).resolve().parents[1] / "kgraph" / "data"


def gazetteer_terms() -> dict[tuple[str, str], list[str]]:
    """(file, canonical) -> canonical plus its variants, for every YAML mapping entry."""
    terms: dict[tuple[str, str], list[str]] = {}
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, section in data.items() if isinstance(data, dict) else []:
            if name not in ENTITY_TYPES or not isinstance(section, dict):  # entries only
                continue
            for canonical, variants in section.items():
                if isinstance(variants, list):
                    forms = [str(canonical)] + [str(v) for v in variants]
                    terms[(path.name, str(canonical))] = forms
    return terms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seeds", type=Path, help="exclude corpus documents sharing their video")
    parser.add_argument("--max-docs", type=int, default=0, help="list terms found in <= N docs")
    parser.add_argument("--json", type=Path, help="write every count to this file")
    args = parser.parse_args()

    seed_videos: set[str] = set()
    if args.seeds:
        seed_videos = {d.url for d in read_paths([args.seeds]) if getattr(d, "url", None)}
    texts = []
    for doc in read_paths([args.corpus]):
        if hasattr(doc, "turns") and doc.url not in seed_videos:
            texts.append(" ".join(t.text for t in doc.turns).lower())
    counts: dict[str, int] = {}
    for (file, canonical), forms in gazetteer_terms().items():
        pattern = re.compile(
            "|".join(r"(?<![\w])" + re.escape(f.lower()) + r"s?(?![\w])" for f in forms)
        )
        lowered = [f.lower() for f in forms]
        counts[f"{file}:{canonical}"] = sum(  # a substring test first: the regex is slow
            1 for text in texts if any(f in text for f in lowered) and pattern.search(text)
        )
    rare = sorted((n, key) for key, n in counts.items() if n <= args.max_docs)
    print(f"{len(texts)} development documents, {len(counts)} gazetteer entries")
    for n, key in rare:
        print(f"{n:4d}  {key}")
    if args.json:
        args.json.write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

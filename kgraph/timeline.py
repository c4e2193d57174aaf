"""When things were said: the documents' dates, and the dates of each node and edge.

Documents carry an ISO 8601 date when their front matter gives one (``2024-03-05``, or
``2024-03`` / ``2024`` when that is all). A node or an edge is dated by the documents that
mention it: nodes and co-mention edges list them in ``document_ids``, a claim names its
``document``. Gephi's timeline (GEXF) and the GraphML's ``date`` column take full dates, so
a month or a year stands for its first day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["document_dates", "element_dates", "first_document", "iso_date"]

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` of an ISO 8601 date or date-time (a month or year: its first day);
    None when ``value`` is not one.

    >>> iso_date("2024-03-05T10:00:00Z"), iso_date("2024-03"), iso_date("March 2024")
    ('2024-03-05', '2024-03-01', None)
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    match = _PARTIAL.match(value.strip())
    if not match:
        return None
    rest = value.strip()[match.end() :]
    if rest and rest[0] not in "T ":
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def document_dates(documents: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """``{document id: YYYY-MM-DD}`` of the documents (``G.graph["documents"]``) that have
    a date."""
    dates = {}
    for document in documents:
        date = iso_date(document.get("date"))
        if date is not None and "id" in document:
            dates[str(document["id"])] = date
    return dates


def element_dates(data: Mapping[str, Any], dates: Mapping[str, str]) -> list[str]:
    """The sorted distinct dates of the documents that mention a node or an edge (its
    ``document_ids``, or a claim's ``document``); undated documents are left out."""
    documents = data.get("document_ids")
    if not isinstance(documents, list):
        document = data.get("document")
        documents = [document] if document is not None else []
    return sorted({dates[d] for d in documents if d in dates})


def first_document(data: Mapping[str, Any], dates: Mapping[str, str]) -> str | None:
    """The document an edge is told by: a claim's ``document``; for a link listing its
    ``document_ids``, the earliest dated one (the first listed when none has a date)."""
    document = data.get("document")
    if document is not None:
        return str(document)
    documents = data.get("document_ids")
    if not isinstance(documents, list) or not documents:
        return None
    dated = [d for d in documents if d in dates]
    return min(dated, key=dates.__getitem__) if dated else str(documents[0])

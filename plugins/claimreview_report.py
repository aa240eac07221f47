"""schema.org ClaimReview JSON-LD: verdicts in the vocabulary fact-checkers publish.

ClaimReview is how fact-checks are exchanged (Google Fact Check Tools, the
Duke Reporters' Lab database, newsroom CMSs), so a newsroom can feed verify's
verdicts into the same pipeline as its human fact-checks. The output is a JSON
array of ClaimReview objects, one per checked claim, each carrying its own
``@context`` so any item can be embedded alone.

Ratings use the conventional 1-5 scale: supported 5, unverifiable 3,
contradicted 1, with the verdict as ``alternateName`` (the human-readable
rating). The review's ``url`` points at the claim inside the document with an
RFC 5147 ``#char=start,end`` fragment; ``isBasedOn`` lists the evidence
(source ids and the fact path each rests on).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import Document, Report, Result

RATINGS = {
    "supported": ("Supported", 5),
    "unverifiable": ("Unverifiable", 3),
    "contradicted": ("Contradicted", 1),
}
AUTHOR = {"@type": "Organization", "name": "verify"}


def document_url(path: str) -> str:
    """A file: URI when the path names a file, else the path as given (``<text>`` from an API call)."""
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.abspath(path)).as_uri()
    except ValueError:
        return path


def review_date(options: Mapping[str, Any]) -> str:
    date = options.get("date")
    if isinstance(date, dt.date):
        return date.isoformat()
    if isinstance(date, str) and date:
        return dt.date.fromisoformat(date).isoformat()
    return dt.date.today().isoformat()


def based_on(result: Result) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for e in result.evidence:
        item = {"@type": "CreativeWork", "identifier": e.source or e.fact, "description": e.fact}
        if item not in out:
            out.append(item)
    return out


def claim_review(doc: Document, result: Result, published: str) -> dict[str, Any]:
    c = result.claim
    name, value = RATINGS[result.verdict]
    url = document_url(doc.path)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{url}#char={c.start},{c.end}",
        "claimReviewed": " ".join(c.text.split()),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": name,
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": result.message,
        },
        "reviewBody": result.message,
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {"@type": "CreativeWork", "url": url, "datePublished": doc.date.isoformat()},
        },
        "datePublished": published,
        "inLanguage": doc.language,
        "author": AUTHOR,
        "isBasedOn": based_on(result),
    }


class ClaimReviewReporter:
    format = "claimreview"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        published = review_date(options)
        reviews = [claim_review(d.document, r, published) for d in report.documents for r in d.results]
        return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


@hookimpl
def verify_reporters() -> list[object]:
    return [ClaimReviewReporter()]

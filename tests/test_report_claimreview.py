"""The ClaimReview reporter: schema.org JSON-LD, one review per checked claim."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from verify_plugins.claimreview_report import ClaimReviewReporter

from verify.engine import check
from verify.model import Report
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
SEED = DEV / "docs" / "seed-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")
RATINGS = {
    "supported": ("Supported", 5),
    "contradicted": ("Contradicted", 1),
    "unverifiable": ("Unverifiable", 3),
}
REQUIRED = {"@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "datePublished", "author",
            "isBasedOn", "url"}


@pytest.fixture(scope="module")
def report() -> Report:
    return check([SEED, DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "claimreview" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.claimreview_report"])
    assert "claimreview" in {r.format for r in collect(pm, "verify_reporters")}


@needs_dev
def test_one_review_per_claim(report: Report) -> None:
    reviews = json.loads(ClaimReviewReporter().render(report, {"date": "2020-01-07"}))
    results = [(d, r) for d in report.documents for r in d.results]
    assert isinstance(reviews, list)
    assert len(reviews) == len(results) == sum(report.summary().values())
    for review, (d, r) in zip(reviews, results, strict=True):
        assert review.keys() >= REQUIRED
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == " ".join(r.claim.text.split())
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["alternateName"], rating["ratingValue"]) == RATINGS[r.verdict]
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        appearance = item["appearance"]
        assert appearance["@type"] == "CreativeWork"
        assert appearance["url"] == Path(d.document.path).as_uri()
        assert appearance["datePublished"] == d.document.date.isoformat()
        assert review["url"] == f"{appearance['url']}#char={r.claim.start},{r.claim.end}"
        assert review["datePublished"] == "2020-01-07"
        assert review["author"] == {"@type": "Organization", "name": "verify"}
        sources = {e.source for e in r.evidence if e.source}
        facts = {e.fact for e in r.evidence}
        assert {b["identifier"] for b in review["isBasedOn"]} >= sources
        assert {b["description"] for b in review["isBasedOn"]} == facts


@needs_dev
def test_a_contradicted_review(report: Report) -> None:
    reviews = json.loads(ClaimReviewReporter().render(report, {"date": dt.date(2020, 1, 7)}))
    review = next(r for r in reviews if r["claimReviewed"] == "29 décembre")
    assert review["reviewRating"]["alternateName"] == "Contradicted"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["reviewRating"]["ratingExplanation"].startswith("rocket attack on K-1 Air Base")
    assert review["isBasedOn"] == [{"@type": "CreativeWork", "identifier": "bloomberg-2020-01-04",
                                    "description": "events.k1-attack.date"}]
    assert review["itemReviewed"]["appearance"]["url"] == DRAFT.as_uri()


def test_date_defaults_to_today() -> None:
    assert json.loads(ClaimReviewReporter().render(Report(()), {})) == []
    from verify_plugins.claimreview_report import review_date
    assert review_date({}) == dt.date.today().isoformat()

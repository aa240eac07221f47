"""End to end through the CLI on the bundled seed: every annotated claim, one by one."""

from __future__ import annotations

import yaml

from tests.conftest import SEEDS, run_cli


def _expected() -> list[dict]:
    return yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))["cases"][0]["claims"]


def _span(text: str, quote: str, occurrence: int | None) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence or 1):
        start = text.find(quote, start + 1)
    assert start >= 0, quote
    return start, start + len(quote)


def test_seed_every_claim_supported_and_exit_zero() -> None:
    run = run_cli(["check", "seeds/seed-soleimani.fr.txt", "--facts", "seeds/soleimani.yaml",
                   "--date", "2020-01-04", "--format", "json"])
    assert run.code == 0, run.stderr
    report = run.json()
    assert report["schema"] == "verify-report/1"
    (doc,) = report["documents"]
    assert doc["language"] == "fr" and doc["date"] == "2020-01-04"
    text = (SEEDS / "seed-soleimani.fr.txt").read_text(encoding="utf-8")
    expected = _expected()
    assert len(expected) == 19
    for e in expected:
        start, end = _span(text, e["quote"], e.get("occurrence"))
        answers = [c for c in doc["claims"] if c["checker"] == e["checker"]
                   and c["span"]["start"] < end and start < c["span"]["end"]]
        verdicts = {c["verdict"] for c in answers}
        assert verdicts == {"supported"}, (e["quote"], [(c["text"], c["verdict"], c["message"]) for c in answers])
    assert report["summary"]["contradicted"] == 0


def test_seed_spans_index_the_text() -> None:
    run = run_cli(["check", "seeds/seed-soleimani.fr.txt", "--facts", "seeds/soleimani.yaml",
                   "--date", "2020-01-04", "--format", "json"])
    text = (SEEDS / "seed-soleimani.fr.txt").read_text(encoding="utf-8")
    for c in run.json()["documents"][0]["claims"]:
        span = c["span"]
        assert text[span["start"] : span["end"]] == c["text"]
        line = text.count("\n", 0, span["start"]) + 1
        assert span["line"] == line


def test_draft_with_false_title_exits_one_and_cites_fact_and_source() -> None:
    run = run_cli(["check", "seeds/draft-wrong-title.fr.md", "--format", "json"])
    assert run.code == 1
    claims = run.json()["documents"][0]["claims"]
    (role,) = [c for c in claims if c["checker"] == "role" and c["verdict"] == "contradicted"]
    assert role["text"] == "le secrétaire à la Défense Mike Pompeo"
    assert "Mark Esper" in role["message"]
    assert {"fact": "entities.mark-esper.roles", "source": "politico-2020-01-03"}.items() <= {
        k: v for e in role["evidence"] for k, v in e.items() if e["fact"] == "entities.mark-esper.roles"}.items()


def test_text_report_says_why(tmp_path) -> None:
    out = tmp_path / "report.txt"
    run = run_cli(["check", "seeds/draft-wrong-title.fr.md", "--output", str(out)])
    assert run.code == 1 and run.stdout == ""
    report = out.read_text(encoding="utf-8")
    assert "contradicted" in report and "Secretary of Defense" in report and "politico-2020-01-03" in report

"""The HTML reporter: escaping, self-containment, well-formed highlights, and a real browser.

The browser tests drive headless Chromium from the command line (``--dump-dom``
after the page's script ran, ``--screenshot``). When Chromium is missing they
try ``apt-get install -y chromium`` (only as root, only where apt-get exists)
and skip with the reason when that fails.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from verify_plugins.html_report import HtmlReporter, Span, highlight

from verify.engine import check
from verify.model import Claim, Document, DocumentReport, Evidence, Report, Result, Sentence
from verify.plugins import collect, get_plugin_manager

DEV = Path("/work/shared/eval/dev")
DRAFT = DEV / "docs" / "draft-soleimani.fr.txt"
FACTS = DEV / "facts" / "soleimani.yaml"
ARTIFACTS = Path(__file__).parent / "artifacts"
needs_dev = pytest.mark.skipif(not FACTS.is_file(), reason="the shared dev set is not available")
INJECTION = ("<script>document.title='pwned'</script> <img src=x onerror=\"document.title='pwned'\"> "
             "<script>alert(1)</script>\n\n")


class Page(HTMLParser):
    """Start tags, the title, and the highlight fragments inside each ``pre.doc-text``."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self.doc_texts: list[str] = []
        self.fragments: dict[str, list[str]] = defaultdict(list)
        self.firsts: Counter[str] = Counter()
        self._in_title = False
        self._in_pre = False
        self._stack: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "title":
            self._in_title = True
        elif tag == "pre" and "doc-text" in a.get("class", "").split():
            self._in_pre = True
            self.doc_texts.append("")
        elif self._in_pre:
            assert tag == "span", f"unexpected <{tag}> inside the document text"
            cid = a["data-claim"]
            assert cid not in self._stack, f"{cid} nested inside itself"
            self._stack.append(cid)
            if "cont" not in a["class"].split():
                self.firsts[cid] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "pre" and self._in_pre:
            assert not self._stack, f"unclosed highlights {self._stack}"
            self._in_pre = False
        elif self._in_pre:
            assert tag == "span" and self._stack, f"stray </{tag}>"
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_pre:
            self.doc_texts[-1] += data
            for cid in self._stack:
                self.fragments[cid].append(data)

    def with_class(self, *classes: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if set(classes) <= set(a.get("class", "").split())]


def make_doc(text: str, path: str = "draft.txt") -> Document:
    return Document(path, text, "en", dt.date(2020, 1, 6), (Sentence(0, len(text), text),))


def make_result(doc: Document, start: int, end: int, verdict: str, message: str, rule: str = "rule-x",
                evidence: tuple[Evidence, ...] = ()) -> Result:
    claim = Claim(rule, "place", start, end, doc.text[start:end], doc.sentences[0])
    return Result(claim, verdict, message, evidence)


def render(report: Report) -> str:
    return HtmlReporter().render(report, {})


@pytest.fixture(scope="module")
def draft_report() -> Report:
    return check([DRAFT], facts=[FACTS], date=dt.date(2020, 1, 6))


@pytest.fixture(scope="module")
def injection_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The real draft run through the engine with markup prepended, plus a claim whose data is markup."""
    folder = tmp_path_factory.mktemp("injection")
    path = folder / "draft-injection.fr.txt"
    path.write_text(INJECTION + DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    report = check([path], facts=[FACTS], date=dt.date(2020, 1, 6))
    d = report.documents[0]
    evil = make_result(d.document, 0, len(INJECTION) - 2, "contradicted",
                       "<b>bold</b> <img src=x onerror=\"document.title='pwned'\">", rule="<i>rule</i>",
                       evidence=(Evidence("events.<x>.date", "\"><script>document.title='pwned'</script>"),))
    return Report((dataclasses.replace(d, results=(evil, *d.results)),))


# --- static checks ---------------------------------------------------------------------------------


def test_found_through_the_plugin_manager() -> None:
    pm = get_plugin_manager()
    if "html" not in {r.format for r in collect(pm, "verify_reporters")}:
        pm = get_plugin_manager(extra=["verify_plugins.html_report"])
    assert "html" in {r.format for r in collect(pm, "verify_reporters")}


def test_everything_from_the_data_is_escaped() -> None:
    text = "Intro <script>alert(1)</script> and <b>bold</b> & more."
    doc = make_doc(text, path="<p>draft</p>.txt")
    result = make_result(doc, 6, 31, "contradicted", "not <b>so</b> & </script><!--", rule="<i>r</i>",
                         evidence=(Evidence("events.<x>", "src\"'><svg onload=alert(2)>"),))
    out = render(Report((DocumentReport(doc, (result,)),)))
    assert "<script>alert(1)" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    for raw in ("<b>", "<i>r</i>", "<svg", "<p>draft", "</script><!--", "events.<x>"):
        assert raw not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    page = Page(out)
    scripts = [a for tag, a in page.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "verify-data"}, {}]
    data_text = out.split('<script type="application/json" id="verify-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(data_text)
    data = json.loads(data_text)
    claim = data["documents"][0]["claims"][0]
    assert claim["message"] == "not <b>so</b> & </script><!--"
    assert claim["evidence"] == [{"fact": "events.<x>", "source": "src\"'><svg onload=alert(2)>"}]
    assert page.doc_texts == [text]
    assert page.title == "verify report"


@needs_dev
def test_self_contained(draft_report: Report) -> None:
    out = render(draft_report)
    remote = r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    assert not re.search(remote, out, re.I)
    assert not re.search(r"<link\b|@import|url\(|<iframe|<object|<embed", out, re.I)
    assert "http://" not in out and "https://" not in out
    page = Page(out)
    assert not [a for tag, a in page.tags if "src" in a or "href" in a]


def test_csp_allows_exactly_the_pages_own_script_and_style() -> None:
    out = render(Report(()))
    csp = next(a["content"] for tag, a in Page(out).tags
               if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    script = out.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    style = out.split("<style>", 1)[1].split("</style>", 1)[0]
    for source in (script, style):
        digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "No documents were checked." in out


@needs_dev
def test_real_overlapping_claims_are_nested_or_split(draft_report: Report) -> None:
    d = draft_report.documents[0]
    page = Page(render(draft_report))
    assert page.doc_texts == [d.document.text]
    for ci, r in enumerate(d.results):
        cid = f"d0-c{ci}"
        assert "".join(page.fragments[cid]) == d.document.text[r.claim.start:r.claim.end]
        assert page.firsts[cid] == 1
    assert len(page.with_class("entry")) == len(d.results) == 23
    summary = draft_report.summary()
    for verdict, n in summary.items():
        assert len({a["data-claim"] for a in page.with_class("claim", verdict)}) == n


def test_crossing_spans_split() -> None:
    text = "0123456789abcdefghij"
    spans = [Span("a", "supported", 0, 10, "A"), Span("b", "contradicted", 5, 15, "B"),
             Span("c", "unverifiable", 2, 4, "C"), Span("d", "supported", 5, 15, "D")]
    out = highlight(text, spans)
    page = Page(f'<pre class="doc-text">{out}</pre>')
    assert page.doc_texts == [text]
    for s in spans:
        assert "".join(page.fragments[s.id]) == text[s.start:s.end]
        assert page.firsts[s.id] == 1
    assert out.count('data-claim="b"') == 2  # split where "a" ends


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_spans_give_well_formed_markup(data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet="ab <>&\"'\né", max_size=30))
    bound = st.integers(min_value=-2, max_value=len(text) + 2)
    verdict = st.sampled_from(["supported", "contradicted"])
    raw = data.draw(st.lists(st.tuples(bound, bound, verdict), max_size=8))
    spans = [Span(f"c{i}", v, s, e, f"<{i}>") for i, (s, e, v) in enumerate(raw)]
    page = Page(f'<pre class="doc-text">{highlight(text, spans)}</pre>')
    assert page.doc_texts == [text]
    for s in spans:
        start, end = max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))
        if start < end:
            assert "".join(page.fragments[s.id]) == text[start:end]
            assert page.firsts[s.id] == 1
        else:
            assert s.id not in page.firsts and s.id not in page.fragments


# --- headless Chromium -----------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=3000"]


def find_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> str:
    """Chromium, installed with apt-get when missing and possible; else skip with the reason."""
    found = find_chromium()
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("chromium is not installed and the tests do not run as root to install it")
    if not shutil.which("apt-get"):
        pytest.skip("chromium is not installed and apt-get is not available to install it")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    attempts = [["apt-get", "install", "-y", "chromium"],
                ["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]
    log = []
    for cmd in attempts:
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.append(f"{' '.join(cmd)}: {exc}")
            continue
        log.append(f"{' '.join(cmd)}: exit {proc.returncode} {proc.stderr.strip()[-300:]}")
        if cmd[1] == "install" and proc.returncode == 0 and find_chromium():
            return find_chromium() or ""
    pytest.skip("chromium is missing and `apt-get install -y chromium` failed: " + " | ".join(log))


@pytest.fixture(scope="module")
def chromium() -> str:
    return install_chromium()


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within 30 s: {' '.join(cmd)}")


def dump_dom(binary: str, tmp_path: Path, page: Path, fragment: str = "") -> str:
    """The DOM as serialized after the page's script ran."""
    proc = run_chromium(binary, tmp_path / "profile", "--dump-dom", page.as_uri() + fragment)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def body(page: Page) -> dict[str, str]:
    return next(a for tag, a in page.tags if tag == "body")


@needs_dev
def test_browser_draws_the_highlights(chromium: str, tmp_path: Path, draft_report: Report) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(render(draft_report), encoding="utf-8")
    page = Page(dump_dom(chromium, tmp_path, html_file))
    assert body(page).get("data-ready") == "1", "the page's script did not run"
    summary = draft_report.summary()
    for verdict, n in summary.items():
        assert len({a["data-claim"] for a in page.with_class("claim", verdict)}) == n
    assert not page.with_class("hidden")


@needs_dev
def test_browser_hide_fragment_applies_the_filter(chromium: str, tmp_path: Path,
                                                   draft_report: Report) -> None:
    html_file = tmp_path / "report.html"
    html_file.write_text(render(draft_report), encoding="utf-8")
    page = Page(dump_dom(chromium, tmp_path, html_file, "#hide=supported"))
    assert body(page).get("data-ready") == "1"
    assert body(page).get("data-hidden") == "supported"
    supported = page.with_class("supported")
    marked = [a for a in supported if "data-verdict" in a]
    assert len([a for a in marked if "entry" in a["class"].split()]) == draft_report.summary()["supported"]
    assert marked and all("hidden" in a["class"].split() for a in marked)
    others = [a for _, a in page.tags if a.get("data-verdict") in ("contradicted", "unverifiable")]
    assert others and not any("hidden" in a["class"].split() for a in others)


@needs_dev
def test_browser_runs_no_injected_script(chromium: str, tmp_path: Path, injection_report: Report) -> None:
    out = render(injection_report)
    assert "<script>alert(1)" not in out and "<img src=x" not in out
    html_file = tmp_path / "injection.html"
    html_file.write_text(out, encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, html_file, "#claim=d0-c0")
    page = Page(dom)
    assert page.title == "verify report"
    assert body(page).get("data-ready") == "1", "the page's own script must still run"
    assert not [a for tag, a in page.tags if tag == "img"]
    assert [tag for tag, _ in page.tags].count("script") == 2
    text = page.doc_texts[0]
    assert text.startswith(INJECTION)
    assert "".join(page.fragments["d0-c0"]) == INJECTION[:-2]
    # the side panel was filled from the JSON data, as text
    panel = re.search(r'<div id="panel-body">(.*?)</div>\s*</aside>', dom, re.S)
    assert panel is not None
    assert "&lt;b&gt;bold&lt;/b&gt;" in panel.group(1)
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in panel.group(1)


@needs_dev
def test_browser_screenshot(chromium: str, tmp_path: Path, draft_report: Report) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    html_file = tmp_path / "report.html"
    html_file.write_text(render(draft_report), encoding="utf-8")
    first_contradicted = next(i for i, r in enumerate(draft_report.documents[0].results)
                              if r.verdict == "contradicted")
    png = ARTIFACTS / "html-report.png"
    png.unlink(missing_ok=True)
    proc = run_chromium(chromium, tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,900",
                        html_file.as_uri() + f"#claim=d0-c{first_contradicted}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert png.is_file()
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 5 * 1024

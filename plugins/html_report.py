"""The HTML report: one self-contained page to read a draft with its verdicts on it.

A writer fixes a draft by reading it, so the page shows each document's whole
text with every claim highlighted in its verdict's colour; clicking one shows
the message, evidence and sources in a side panel, and checkboxes hide
verdicts (``#hide=supported`` in the URL does the same on load, and
``#claim=d0-c3`` selects a claim, so a link can point at one finding).

It is one file with inline CSS and JS and no network access at all, because it
is mailed, attached to CI runs and opened from disk. Everything that comes
from documents, fact files or rules is untrusted: it is HTML-escaped where it
becomes markup, the claim data rides in a ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u003c`` escapes, the script only
ever sets ``textContent``, and a Content-Security-Policy that allows only the
page's own script and style (by hash) stops anything that slipped through.

Claim spans may overlap (an attendance claim over a whole sentence holds the
role claims inside it). Nested spans become nested highlights; spans that
cross are split at the crossing and every fragment carries the claim's id, so
the markup stays well-formed and selecting a claim lights up all its pieces.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from string import Template
from typing import Any

from verify.hookspecs import hookimpl
from verify.model import VERDICTS, DocumentReport, Report, Result

MARKS = {"supported": "✔", "contradicted": "✘", "unverifiable": "?"}


@dataclass(frozen=True)
class Span:
    """A highlight to draw: a claim id, its verdict and offsets into the text."""

    id: str
    verdict: str
    start: int
    end: int
    title: str


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def json_for_script(data: object) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _open_tag(span: Span, first: bool) -> str:
    classes = f"claim {span.verdict}" + ("" if first else " cont")
    focus = ' tabindex="0"' if first else ""
    return (f'<span class="{esc(classes)}" data-claim="{esc(span.id)}" data-verdict="{esc(span.verdict)}"'
            f' title="{esc(span.title)}"{focus}>')


def highlight(text: str, spans: list[Span]) -> str:
    """Escaped ``text`` with each span wrapped in ``<span class="claim …">``, well-nested.

    Walk the span boundaries with a stack of open spans. Where a span ends
    below the top of the stack (it crosses a span opened after it), close down
    to it and reopen the others as continuation fragments. Spans opening at one
    point are opened longest first, so nesting needs no split.
    """
    n = len(text)
    starting: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        start, end = max(0, min(s.start, n)), max(0, min(s.end, n))
        if start < end:
            starting[start].append(Span(s.id, s.verdict, start, end, s.title))
    bounds = sorted(set(starting) | {s.end for group in starting.values() for s in group})
    order = {s.id: i for i, s in enumerate(spans)}

    def outer_first(s: Span) -> tuple[int, int, int]:
        return (-s.end, s.start, order[s.id])

    out: list[str] = []
    stack: list[Span] = []
    opened: set[str] = set()
    pos = 0
    for b in bounds:
        out.append(esc(text[pos:b]))
        pos = b
        ending = [i for i, s in enumerate(stack) if s.end == b]
        to_open = list(starting.get(b, ()))
        if ending:
            k = ending[0]
            out.append("</span>" * (len(stack) - k))
            to_open += [s for s in stack[k:] if s.end != b]
            del stack[k:]
        for s in sorted(to_open, key=outer_first):
            out.append(_open_tag(s, s.id not in opened))
            opened.add(s.id)
            stack.append(s)
    out.append(esc(text[pos:]))
    out.append("</span>" * len(stack))  # only reached for spans clamped to the text's end
    return "".join(out)


def claim_data(cid: str, d: DocumentReport, r: Result) -> dict[str, Any]:
    c = r.claim
    line, col = d.document.line_col(c.start)
    end_line, end_col = d.document.line_col(c.end)
    return {"id": cid, "verdict": r.verdict, "checker": c.checker, "rule": c.rule,
            "start": c.start, "end": c.end, "line": line, "column": col, "endLine": end_line,
            "endColumn": end_col, "text": c.text, "message": r.message,
            "evidence": [e.to_json() for e in r.evidence], "error": r.error}


def counts_of(results: tuple[Result, ...]) -> dict[str, int]:
    return {v: sum(1 for r in results if r.verdict == v) for v in VERDICTS}


def counts_html(counts: Mapping[str, int]) -> str:
    return " ".join(f'<span class="count {v}">{MARKS[v]} {counts[v]} {v}</span>' for v in VERDICTS)


def document_html(di: int, d: DocumentReport) -> str:
    doc = d.document
    ids = [f"d{di}-c{ci}" for ci in range(len(d.results))]
    spans = [Span(cid, r.verdict, r.claim.start, r.claim.end, f"{r.verdict}: {r.message}")
             for cid, r in zip(ids, d.results, strict=True)]
    entries = []
    for cid, r in zip(ids, d.results, strict=True):
        line, col = doc.line_col(r.claim.start)
        snippet = " ".join(r.claim.text.split())
        entries.append(
            f'<li class="entry {esc(r.verdict)}" data-claim="{esc(cid)}" data-verdict="{esc(r.verdict)}"'
            f' tabindex="0"><span class="loc">{line}:{col}</span>'
            f' <span class="badge {esc(r.verdict)}">{MARKS[r.verdict]} {esc(r.verdict)}</span>'
            f' <span class="checker">{esc(r.claim.checker)}</span> <q>{esc(snippet)}</q>'
            f'<span class="msg">{esc(r.message)}</span></li>')
    listing = f'<ol class="claim-list">{"".join(entries)}</ol>' if entries else (
        '<p class="none">No checkable claims found.</p>')
    return (f'<section class="document" id="doc-{di}"><h2>{esc(doc.path)}</h2>'
            f'<p class="meta">language {esc(doc.language)} · date {esc(doc.date.isoformat())} · '
            f'{len(d.results)} claims: {counts_html(counts_of(d.results))}</p>'
            f'<pre class="doc-text">{highlight(doc.text, spans)}</pre>'
            f'<h3>Claims</h3>{listing}</section>')


def report_data(report: Report) -> dict[str, Any]:
    docs = []
    for di, d in enumerate(report.documents):
        claims = [claim_data(f"d{di}-c{ci}", d, r) for ci, r in enumerate(d.results)]
        docs.append({"path": d.document.path, "language": d.document.language,
                     "date": d.document.date.isoformat(), "claims": claims})
    return {"documents": docs, "summary": report.summary()}


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def render_page(report: Report) -> str:
    summary = report.summary()
    total = sum(summary.values())
    filters = "".join(
        f'<label class="filter {v}"><input type="checkbox" class="verdict-filter" value="{v}" checked>'
        f' {MARKS[v]} {v} ({summary[v]})</label>' for v in VERDICTS)
    documents = "".join(document_html(i, d) for i, d in enumerate(report.documents))
    plural = "" if len(report.documents) == 1 else "s"
    errors = (f' <span class="count errors">{report.errors} claims not checked: a plugin failed</span>'
              if report.errors else "")
    csp = (f"default-src 'none'; style-src {csp_hash(CSS)}; script-src {csp_hash(SCRIPT)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return PAGE.substitute(
        csp=esc(csp), css=CSS, script=SCRIPT, filters=filters,
        documents=documents or '<p class="none">No documents were checked.</p>',
        summary=f"{total} claims in {len(report.documents)} document{plural}: {counts_html(summary)}{errors}",
        data=json_for_script(report_data(report)),
    )


class HtmlReporter:
    format = "html"

    def render(self, report: Report, options: Mapping[str, Any]) -> str:
        return render_page(report)


@hookimpl
def verify_reporters() -> list[object]:
    return [HtmlReporter()]


PAGE = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="$csp">
<title>verify report</title>
<style>$css</style>
</head>
<body>
<header>
<h1>verify report</h1>
<p class="summary">$summary</p>
<fieldset class="filters"><legend>Show</legend>$filters</fieldset>
</header>
<div class="layout">
<main>$documents</main>
<aside id="panel" aria-live="polite">
<h2>Selected claim</h2>
<div id="panel-body"><p class="hint">Click a highlighted claim, or one in a list, to see its verdict,
message and evidence.</p></div>
</aside>
</div>
<script type="application/json" id="verify-data">$data</script>
<script>$script</script>
</body>
</html>
""")

CSS = """
:root{--supported:#1a7f37;--supported-bg:rgba(46,160,67,.20);--contradicted:#cf222e;
--contradicted-bg:rgba(235,60,60,.22);--unverifiable:#b76e00;--unverifiable-bg:rgba(240,170,20,.28);
--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:#1f2328;background:#f6f8fa}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:10px 24px;
display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px}
h1{font-size:20px;margin:0}
h2{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
h3{font-size:13px;margin:14px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.summary{margin:0}
.count{display:inline-block;padding:0 8px;border-radius:10px;font-weight:600;white-space:nowrap}
.count.supported{color:var(--supported);background:var(--supported-bg)}
.count.contradicted{color:var(--contradicted);background:var(--contradicted-bg)}
.count.unverifiable{color:var(--unverifiable);background:var(--unverifiable-bg)}
.count.errors{color:#fff;background:var(--contradicted)}
.filters{border:1px solid var(--line);border-radius:6px;padding:2px 10px 4px;margin:0}
.filters legend{font-size:12px;color:var(--muted);padding:0 4px}
.filter{margin-right:12px;cursor:pointer;font-weight:600;white-space:nowrap}
.filter.supported{color:var(--supported)}.filter.contradicted{color:var(--contradicted)}
.filter.unverifiable{color:var(--unverifiable)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:20px;padding:20px 24px;align-items:start}
.document{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 20px;margin-bottom:20px}
.meta{margin:0 0 10px;color:var(--muted)}
.doc-text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:16px/2.1 Georgia,"Times New Roman",serif}
.claim{cursor:pointer;border-bottom:2px solid transparent;padding-bottom:5px;border-radius:2px}
.claim .claim{padding-bottom:2px}
.claim .claim .claim{padding-bottom:0}
.claim.supported{background:var(--supported-bg);border-bottom-color:var(--supported)}
.claim.contradicted{background:var(--contradicted-bg);border-bottom-color:var(--contradicted)}
.claim.unverifiable{background:var(--unverifiable-bg);border-bottom-color:var(--unverifiable)}
.claim.hidden{background:none;border-bottom-color:transparent;cursor:text}
.claim.selected{outline:2px solid #0969da;outline-offset:1px}
.claim:focus-visible{outline:2px dashed #0969da}
.claim-list{margin:0;padding-left:0;list-style:none}
.entry{padding:6px 8px;border-left:4px solid var(--line);margin:4px 0;cursor:pointer;border-radius:4px}
.entry:hover{background:#f3f4f6}
.entry.supported{border-left-color:var(--supported)}.entry.contradicted{border-left-color:var(--contradicted)}
.entry.unverifiable{border-left-color:var(--unverifiable)}
.entry.hidden{display:none}
.entry.selected{background:#ddf4ff}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
.checker{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#eaeef2;
padding:0 5px;border-radius:4px}
.msg{display:block;color:var(--muted)}
.badge{font-weight:700}
.badge.supported{color:var(--supported)}.badge.contradicted{color:var(--contradicted)}
.badge.unverifiable{color:var(--unverifiable)}
aside{position:sticky;top:90px;background:#fff;border:1px solid var(--line);border-radius:8px;
padding:14px 16px;max-height:calc(100vh - 110px);overflow:auto}
aside .badge{font-size:18px;margin:4px 0}
aside blockquote{margin:0;padding:4px 10px;border-left:3px solid var(--line);font-family:Georgia,serif}
aside .where{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
aside ul{padding-left:18px;margin:4px 0}
aside code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;
overflow-wrap:anywhere}
.hint,.none{color:var(--muted)}
.error{color:var(--contradicted)}
@media (max-width:900px){.layout{grid-template-columns:1fr}aside{position:static;max-height:none}}
"""

SCRIPT = """
(function () {
  "use strict";
  var MARKS = {supported: "\\u2714", contradicted: "\\u2718", unverifiable: "?"};
  var data = JSON.parse(document.getElementById("verify-data").textContent);
  var claims = {};
  data.documents.forEach(function (doc) {
    doc.claims.forEach(function (c) { c.path = doc.path; claims[c.id] = c; });
  });
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.verdict-filter"));
  var hidden = [];
  var selected = null;

  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) {
        try { out[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1)); }
        catch (e) { /* a malformed fragment is ignored */ }
      }
    });
    return out;
  }

  function writeHash() {
    var parts = [];
    if (hidden.length) { parts.push("hide=" + hidden.join(",")); }
    if (selected) { parts.push("claim=" + selected); }
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname); }
    catch (e) { /* some file: URLs refuse; the filter still applies */ }
  }

  // The one code path for the filter: checkboxes and the #hide= fragment both end here.
  function applyFilter(verdicts) {
    hidden = verdicts.filter(function (v) { return MARKS.hasOwnProperty(v); });
    boxes.forEach(function (b) { b.checked = hidden.indexOf(b.value) < 0; });
    each("[data-verdict]", function (el) {
      el.classList.toggle("hidden", hidden.indexOf(el.dataset.verdict) >= 0);
    });
    document.body.dataset.hidden = hidden.join(",");
  }

  function add(parent, tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined && text !== null) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }

  function renderPanel(c) {
    var body = document.getElementById("panel-body");
    body.textContent = "";
    add(body, "p", "badge " + c.verdict, (MARKS[c.verdict] || "") + " " + c.verdict);
    add(body, "h3", null, "Message");
    add(body, "p", "message", c.message);
    add(body, "h3", null, "Claim");
    add(body, "blockquote", null, c.text);
    add(body, "p", "where", c.path + ":" + c.line + ":" + c.column + " \\u00b7 checker " + c.checker +
        " \\u00b7 rule " + c.rule);
    add(body, "h3", null, "Evidence");
    if (!c.evidence.length) {
      add(body, "p", "none", "No fact recorded.");
    } else {
      var ul = add(body, "ul", "evidence");
      c.evidence.forEach(function (e) {
        var li = add(ul, "li");
        add(li, "code", null, e.fact);
        add(li, "span", null, e.source ? " \\u2014 source: " : " \\u2014 no source recorded");
        if (e.source) { add(li, "strong", "source", e.source); }
        if (e.score !== undefined && e.score !== null) {
          add(li, "span", null, " (name match " + e.score + "%)");
        }
        if (e.note) { add(li, "div", "note", e.note); }
      });
    }
    if (c.error) {
      add(body, "h3", null, "Plugin error");
      add(body, "p", "error", c.error);
    }
  }

  function select(id, scroll) {
    var c = claims[id];
    if (!c) { return; }
    selected = id;
    each(".selected", function (el) { el.classList.remove("selected"); });
    each("[data-claim]", function (el) { if (el.dataset.claim === id) { el.classList.add("selected"); } });
    renderPanel(c);
    if (scroll) {
      var first = null;
      each(".claim", function (el) { if (!first && el.dataset.claim === id) { first = el; } });
      if (first && first.scrollIntoView) { first.scrollIntoView({block: "center"}); }
    }
  }

  function target(el) {
    while (el && el.closest) {
      el = el.closest("[data-claim]");
      if (!el || !el.classList.contains("hidden")) { return el; }
      el = el.parentElement;
    }
    return null;
  }

  boxes.forEach(function (b) {
    b.addEventListener("change", function () {
      applyFilter(boxes.filter(function (x) { return !x.checked; }).map(function (x) { return x.value; }));
      writeHash();
    });
  });
  document.addEventListener("click", function (ev) {
    var el = target(ev.target);
    if (el) { select(el.dataset.claim, el.classList.contains("entry")); writeHash(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var el = target(ev.target);
    if (el) { ev.preventDefault(); select(el.dataset.claim, el.classList.contains("entry")); writeHash(); }
  });

  var params = readHash();
  applyFilter(params.hide ? params.hide.split(",") : []);
  if (params.claim) { select(params.claim, true); }
  document.body.dataset.ready = "1";
})();
"""

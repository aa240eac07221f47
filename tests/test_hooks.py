"""Every hook is documented and tested; each test shows the engine really uses the hook.

Each ``test_hook_<name>`` registers a tiny plugin implementing that one hook
(through the testing kit, like a plugin author would) and runs verify. The
broken-plugin tests show that one bad plugin never stops the run: it is named
on stderr, the other claims are still checked, and the exit status is 3.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import textwrap
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from verify import hookspecs
from verify.checking import CheckContext
from verify.facts.base import FactBase
from verify.hookspecs import hookimpl
from verify.model import Claim, Document, Report, Result, Sentence
from verify.testing_kit import VerifyEnv, engine_supports_fact_sections, engine_supports_slot_types

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"

HOOKS = sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
               if name.startswith("verify_") and hasattr(fn, "verify_spec"))

FACTS = {
    "entities": [
        {"id": "jane-roe", "kind": "person", "name": "Jane Roe"},
        {"id": "paul-martin", "kind": "person", "name": "Paul Martin"},
    ],
    "events": [
        {"id": "finance-committee", "kind": "meeting", "name": "finance committee", "date": "2024-03-05",
         "attendees": ["jane-roe"], "attendees_complete": True},
    ],
}
GOOD = "Jane Roe attended the finance committee."


@pytest.fixture
def env(verify_env: VerifyEnv) -> VerifyEnv:
    verify_env.facts(FACTS)
    verify_env.date = "2024-04-01"
    verify_env.lang = "en"
    return verify_env


def write_plugin(env: VerifyEnv, name: str, code: str, rules: str | None = None) -> Path:
    """A plugin file (and its rule file, shipped through verify_rule_paths), loaded with --plugin."""
    folder = env.root / "plugins" / name
    folder.mkdir(parents=True, exist_ok=True)
    header = "from pathlib import Path\nfrom verify.hookspecs import hookimpl\nfrom verify.model import Result\n"
    if rules is not None:
        (folder / "rules.yaml").write_text(textwrap.dedent(rules).lstrip("\n"), encoding="utf-8")
        header += ("\n@hookimpl\ndef verify_rule_paths():\n"
                   "    return [Path(__file__).with_name('rules.yaml')]\n")
    path = folder / f"{name}.py"
    path.write_text(header + "\n" + textwrap.dedent(code).lstrip("\n"), encoding="utf-8")
    env.plugin(path)
    return path


def rule(checker: str, pattern: str, rule_id: str | None = None) -> str:
    return f"""
        rules:
          - id: {rule_id or checker + '-rule'}
            checker: {checker}
            languages: [en]
            patterns:
              - "{pattern}"
        """


class Fixed:
    """A checker giving one fixed verdict."""

    def __init__(self, id: str, verdict: str = "supported") -> None:
        self.id, self.verdict = id, verdict

    def check(self, claim: Claim, ctx: CheckContext) -> Result:
        return Result(claim, self.verdict, f"{self.id} says {self.verdict}")  # type: ignore[arg-type]


# -- meta: every hook is documented and tested ---------------------------------------


def test_hookspecs_are_found() -> None:
    assert {"verify_checkers", "verify_load_facts", "verify_fact_sections", "verify_reporters",
            "verify_rule_paths", "verify_extractors", "verify_slot_types"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook: str) -> None:
    assert re.search(rf"^#+ .*`{hook}", DOCS.read_text(encoding="utf-8"), re.MULTILINE), (
        f"{hook} has no reference section in docs/plugins.md")


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    names = set()
    for path in ROOT.joinpath("tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names.update(n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))
    assert f"test_hook_{hook}" in names


def test_every_hook_says_whether_it_is_firstresult() -> None:
    for hook in HOOKS:
        doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
        assert "firstresult" in doc, hook


# -- one test per hook ---------------------------------------------------------------


def test_hook_verify_checkers(env: VerifyEnv) -> None:
    class Plugin:
        @hookimpl
        def verify_checkers(self) -> list[Any]:
            return [Fixed("greeting", "contradicted")]

    env.plugin(Plugin())
    env.rules(rule("greeting", "{who:name} said hello"))
    env.document("Jane Roe said hello.", name="doc.txt")
    out = env.check()
    out.assert_verdicts(checker="greeting", contradicted=1)
    assert out.claims[0]["message"] == "greeting says contradicted"
    assert out.exit_code == 1


def test_hook_verify_load_facts(env: VerifyEnv) -> None:
    class PeopleFiles:
        """Reads ``.people`` files: one ``id = Name`` per line."""

        @hookimpl
        def verify_load_facts(self, path: Path) -> dict[str, Any] | None:
            if path.suffix != ".people":
                return None
            rows = [line.split("=") for line in path.read_text(encoding="utf-8").splitlines() if "=" in line]
            return {"entities": [{"id": i.strip(), "kind": "person", "name": n.strip()} for i, n in rows]}

    env.plugin(PeopleFiles())
    people = env.root / "team.people"
    people.write_text("mary-major = Mary Major\n", encoding="utf-8")
    env.fact_paths.append(people)
    env.facts({"events": [{"id": "gala", "kind": "gala", "name": "gala", "attendees": ["mary-major"]}]},
              name="events.yaml")
    env.document("Mary Major attended the gala on Friday.", name="doc.txt")
    out = env.check()
    out.assert_verdicts(checker="attendance", supported=1)


def test_hook_verify_load_facts_errors_are_validated(env: VerifyEnv) -> None:
    """What a loader returns goes through the schema: a bad record is an input error, not a traceback."""
    class Sloppy:
        @hookimpl
        def verify_load_facts(self, path: Path) -> dict[str, Any] | None:
            return {"entities": [{"id": "x", "kind": "alien"}]} if path.suffix == ".sloppy" else None

    env.plugin(Sloppy())
    sloppy = env.root / "x.sloppy"
    sloppy.write_text("", encoding="utf-8")
    env.fact_paths.append(sloppy)
    env.document(GOOD, name="doc.txt")
    out = env.check()
    assert out.exit_code == 2
    assert f"{sloppy}: entities[0]: missing required key 'name'" in out.stderr


def test_hook_verify_reporters(env: VerifyEnv) -> None:
    class Tally:
        format = "tally"

        def render(self, report: Report, options: Mapping[str, Any]) -> str:
            return " ".join(f"{k}={v}" for k, v in report.summary().items()) + "\n"

    class Plugin:
        @hookimpl
        def verify_reporters(self) -> list[Any]:
            return [Tally()]

    env.plugin(Plugin())
    env.document(GOOD, name="doc.txt")
    out = env.check(format="tally")
    assert out.stdout == "supported=1 contradicted=0 unverifiable=0\n"
    assert out.exit_code == 0


def test_hook_verify_rule_paths(env: VerifyEnv) -> None:
    """A plugin's rule pack is loaded beside the built-in one when no --rules is given."""
    write_plugin(env, "welcome", "", rules=rule("attendance", "{who:name} showed up at", "welcome-showed-up"))
    env.document("Paul Martin showed up at the finance committee. " + GOOD, name="doc.txt")
    out = env.check()
    assert out.select(rule="welcome-showed-up")[0]["verdict"] == "contradicted"
    assert out.select(rule="attendance-subject-en")[0]["verdict"] == "supported"


def test_hook_verify_extractors(env: VerifyEnv) -> None:
    class Exclamations:
        """An extractor that is not a rule: every sentence ending with '!' is a claim for 'loud'."""

        id = "exclamations"

        def extract(self, document: Document) -> Iterable[Claim]:
            for s in document.sentences:
                if s.text.rstrip().endswith("!"):
                    yield Claim("exclamation", "loud", s.start, s.end, s.text, s)

    class Plugin:
        @hookimpl
        def verify_extractors(self) -> list[Any]:
            return [Exclamations()]

        @hookimpl
        def verify_checkers(self) -> list[Any]:
            return [Fixed("loud", "unverifiable")]

    env.plugin(Plugin())
    env.document(f"{GOOD} What a meeting!", name="doc.txt")
    out = env.check()
    assert [(c["rule"], c["verdict"]) for c in out.select(checker="loud")] == [("exclamation", "unverifiable")]
    out.assert_verdicts(checker="attendance", supported=1)


class Hashtags:
    """A slot type ``hashtag`` and a checker reading it."""

    @hookimpl
    def verify_slot_types(self) -> dict[str, str]:
        return {"hashtag": r"#[\p{L}\d_]+"}

    @hookimpl
    def verify_checkers(self) -> list[Any]:
        return [TagChecker()]


class TagChecker:
    id = "tag"

    def check(self, claim: Claim, ctx: CheckContext) -> Result:
        slot = claim.slot("tag")
        assert slot is not None and slot.type == "hashtag"
        return Result(claim, "supported", f"tag {slot.text}")


TAG_RULES = rule("tag", "tagged {tag:hashtag}")


def test_hook_verify_slot_types(env: VerifyEnv) -> None:
    env.plugin(Hashtags())
    env.rules(TAG_RULES)
    out = env.check_text("The post was tagged #budget2024 by the mayor.")
    assert [(c["text"], c["message"]) for c in out.claims] == [("tagged #budget2024", "tag #budget2024")]


@pytest.mark.xfail(not engine_supports_slot_types(), strict=True,
                   reason="verify/batch.py load_pack does not use verify.rules.slots.load_rules_for yet")
def test_hook_verify_slot_types_through_the_cli(env: VerifyEnv) -> None:
    env.plugin(Hashtags())
    env.rules(TAG_RULES)
    env.document("The post was tagged #budget2024 by the mayor.", name="doc.txt")
    env.check().assert_verdicts(checker="tag", supported=1)


def test_slot_type_may_not_redefine_a_built_in(env: VerifyEnv) -> None:
    class Bad:
        @hookimpl
        def verify_slot_types(self) -> dict[str, str]:
            return {"date": r"\d+"}

    env.plugin(Bad())
    with pytest.raises(Exception, match="redefines a built-in slot type"):
        env.check_text(GOOD)


class Mottos:
    """A fact section ``mottos`` (who says what) and a checker reading it from ``ctx.facts.extras``."""

    @hookimpl
    def verify_fact_sections(self) -> dict[str, dict[str, Any]]:
        return {"mottos": {"type": "object", "required": ["who", "motto"], "additionalProperties": False,
                           "properties": {"who": {"$ref": "#/$defs/id", "x-ref": "entity"},
                                          "motto": {"$ref": "#/$defs/text"}}}}

    @hookimpl
    def verify_checkers(self) -> list[Any]:
        return [MottoChecker()]


class MottoChecker:
    id = "motto"

    def check(self, claim: Claim, ctx: CheckContext) -> Result:
        said = claim.slot("motto")
        assert said is not None
        known = {m["motto"] for m in ctx.facts.extras.get("mottos", ())}
        return Result(claim, "supported" if said.text in known else "unverifiable", f"mottos: {sorted(known)}")


MOTTO_RULES = rule("motto", "whose motto is {motto:words}\\\\.")
MOTTO_FACTS = {"entities": [{"id": "jane-roe", "kind": "person", "name": "Jane Roe"}],
               "mottos": [{"who": "jane-roe", "motto": "less is more"}]}


def test_hook_verify_fact_sections(verify_env: VerifyEnv) -> None:
    verify_env.plugin(Mottos())
    verify_env.facts(MOTTO_FACTS)
    verify_env.rules(MOTTO_RULES)
    out = verify_env.check_text("Jane Roe, whose motto is less is more.", lang="en")
    out.assert_verdicts(checker="motto", supported=1)
    assert out.claims[0]["message"] == "mottos: ['less is more']"


@pytest.mark.xfail(not engine_supports_fact_sections(), strict=True,
                   reason="verify/engine.py load_factbase does not pass plugin fact sections yet")
def test_hook_verify_fact_sections_through_the_cli(verify_env: VerifyEnv) -> None:
    verify_env.plugin(Mottos())
    verify_env.facts(MOTTO_FACTS)
    verify_env.rules(MOTTO_RULES)
    verify_env.document("Jane Roe, whose motto is less is more.", name="doc.txt", lang="en")
    verify_env.check(lang="en").assert_verdicts(checker="motto", supported=1)


def test_fact_section_typo_without_the_plugin_is_an_input_error(verify_env: VerifyEnv) -> None:
    verify_env.facts(MOTTO_FACTS)
    verify_env.document("Jane Roe spoke.", name="doc.txt")
    out = verify_env.check()
    assert out.exit_code == 2
    assert "unknown key 'mottos'" in out.stderr


# -- broken plugins: contained, named, exit 3 ---------------------------------------------


def test_plugin_raising_on_import(env: VerifyEnv) -> None:
    path = write_plugin(env, "broken_import", "raise RuntimeError('no such API')\n")
    env.document(f"{GOOD} Paul Martin attended the finance committee.", name="doc.txt")
    out = env.check()
    assert out.exit_code == 3
    assert re.search(rf"warning: plugin '{re.escape(str(path))}' failed to load: RuntimeError: no such API",
                     out.stderr)
    out.assert_verdicts(checker="attendance", supported=1, contradicted=1)


def test_checker_raising_inside_check(env: VerifyEnv) -> None:
    write_plugin(env, "boom_plugin", """
        class Boom:
            id = "boom"

            def check(self, claim, ctx):
                raise KeyError("no statements")

        @hookimpl
        def verify_checkers():
            return [Boom()]
        """, rules=rule("boom", "{who:name} exploded"))
    env.document(f"Paul Martin exploded. {GOOD}", name="doc.txt")
    out = env.check()
    assert out.exit_code == 3
    (failed,) = out.errors
    assert failed["checker"] == "boom" and failed["verdict"] == "unverifiable"
    assert "checker 'boom' raised KeyError: 'no statements' at boom_plugin.py:" in failed["error"]
    out.assert_verdicts(checker="attendance", supported=1)
    assert out.json is not None and out.json["errors"] == 1


def test_hook_itself_raising(env: VerifyEnv) -> None:
    path = write_plugin(env, "bad_hook", """
        @hookimpl
        def verify_checkers():
            raise ValueError("cannot build my checkers")
        """)
    env.document(GOOD, name="doc.txt")
    out = env.check()
    assert f"plugin '{path.stem}' failed in verify_checkers: ValueError: cannot build my checkers" in out.stderr
    out.assert_verdicts(checker="attendance", supported=1)
    assert out.exit_code == 3


def test_hanging_checker_is_stopped_by_the_claim_time_limit(env: VerifyEnv) -> None:
    class Sleepy:
        id = "sleepy"

        def check(self, claim: Claim, ctx: CheckContext) -> Result:
            time.sleep(60)
            raise AssertionError("not reached")

    class Plugin:
        @hookimpl
        def verify_checkers(self) -> list[Any]:
            return [Sleepy()]

    env.plugin(Plugin())
    env.rules("""
        rules:
          - {id: dozing, checker: sleepy, patterns: ["{who:name} dozed off"]}
          - {id: attending, checker: attendance, patterns: ["{who:name} attended"]}
        """)
    started = time.monotonic()
    out = env.check_text("Paul Martin dozed off. Jane Roe attended the finance committee.", claim_timeout=0.5)
    assert time.monotonic() - started < 10
    (failed,) = out.errors
    assert failed["message"] == "checker 'sleepy' timed out"
    assert "timed out" in failed["message"] and "took longer than 0.5 s" in failed["error"]
    out.assert_verdicts(checker="attendance", supported=1)
    assert out.exit_code == 3


def test_checker_returning_garbage(env: VerifyEnv) -> None:
    class Garbage:
        id = "garbage"

        def check(self, claim: Claim, ctx: CheckContext) -> Any:
            return "looks fine to me"

    class Plugin:
        @hookimpl
        def verify_checkers(self) -> list[Any]:
            return [Garbage()]

    env.plugin(Plugin())
    write_plugin(env, "garbage_rules", "", rules=rule("garbage", "{who:name} shouted"))
    env.document(f"Paul Martin shouted. {GOOD}", name="doc.txt")
    out = env.check()
    (failed,) = out.errors
    assert failed["error"] == "checker 'garbage' returned str"
    out.assert_verdicts(checker="attendance", supported=1)
    assert out.exit_code == 3


def test_engine_claim_timeout_directly(env: VerifyEnv) -> None:
    """The time limit is an Engine argument, so batch users can tune it."""
    from verify.engine import Engine
    from verify.rules.loader import build_pack

    class Sleepy:
        id = "sleepy"

        def check(self, claim: Claim, ctx: CheckContext) -> Result:
            time.sleep(60)
            raise AssertionError("not reached")

    class Plugin:
        @hookimpl
        def verify_checkers(self) -> list[Any]:
            return [Sleepy()]

    pm = env.plugin_manager()
    pm.register(Plugin())
    pack = build_pack([("r.yaml", {"rules": [{"id": "zz", "checker": "sleepy", "patterns": ["{who:name} slept"]}]})])

    engine = Engine(pack, FactBase(), pm, claim_timeout=0.5)
    text = "Paul Martin slept."
    doc = Document("<t>", text, "en", dt.date(2024, 1, 1), (Sentence(0, len(text), text),))
    (res,) = engine.check_document(doc).results
    assert res.error is not None and "timed out" in res.message

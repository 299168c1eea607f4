"""Rule cases as data: the ``*.cases.toml`` file next to a rule's module.

A case file says, for one rule, which drafts it must report — with the message, the exact text
its finding marks and what its fix does — and which near misses it must leave alone. A case is
the sample draft (`drafts.sample`, rendered in one of `FORMS`) with one edit, or a short text of
its own. `load_cases` reads a file into `Case` objects (a key it does not know is a
`CaseFileError` at once, with the closest key it knows); `check_case` runs one case and raises
AssertionError naming it and saying what differed; `check_case_file` runs a whole file.

Every finding a ``fires`` case describes that carries a fix is also fixed: the fix must make
that finding disappear, change nothing outside its edits and leave the rule no new finding.
The format, with examples: docs/testing.md.
"""

from __future__ import annotations

import difflib
import inspect
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from ..fixes import apply_fixes
from ..ruledef import SAFE, SEVERITIES, SUGGESTED, Finding, Fix, Fixable, Rule
from ..source import Source
from ..template import RowSpec, T3Row
from .drafts import FORMS, SUFFIX, render, sample
from .linting import check, linter

FIRES, QUIET = "fires", "quiet"
NO_FIX = "none"
CASES_SUFFIX = ".cases.toml"
MARK = ("«", "»")  # around the marked part of a `marked` string that quotes its surroundings
INTERNAL_ERROR = "NB001"  # a crashing rule: selected with every case, so a crash never passes as quiet

_EDITS = ("add", "replace", "replace_all", "cut", "row")  # applied in this order (add when rendering)
_DRAFT = ("form", "year", "agency", "name", "signed", "t3")
_COMMON = ("name", "draft", "text", "path", "config", *_EDITS)
_KEYS = {
    FIRES: (*_COMMON, "message", "marked", "count", "severity", "related", "fix", "fix_message", "edited", "fixed"),
    QUIET: _COMMON,
}
_REQUIRED = {FIRES: ("message", "marked", "fix"), QUIET: ()}
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


class CaseFileError(ValueError):
    """A case file that cannot be read, or a case the runner cannot build (an edit whose text is
    not in the draft)."""


def _strings(n: int | None = None) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v) and (n is None or len(v) == n)


def _pairs(v: Any) -> bool:
    return isinstance(v, list) and all(_strings(2)(x) for x in v)


def _t3_shape(v: Any) -> bool:
    return isinstance(v, dict) and all(
        isinstance(getattr(T3Row, k, None), RowSpec)
        and isinstance(row, list)
        and len(row) == 6
        and all(isinstance(x, int) for x in row)
        for k, row in v.items()
    )


def _row_shape(v: Any) -> bool:
    return (
        isinstance(v, dict)
        and set(v) == {"label", "values"}
        and isinstance(v["label"], str)
        and isinstance(v["values"], list)
        and all(isinstance(x, (str, int)) for x in v["values"])
    )


def _marked_shape(v: Any) -> bool:
    return isinstance(v, str) and (
        (MARK[0] not in v and MARK[1] not in v)
        or (v.count(MARK[0]) == v.count(MARK[1]) == 1 and v.index(MARK[0]) < v.index(MARK[1]))
    )


def _is(kind: type) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, kind) and not isinstance(v, bool)


# What each key holds: (test, description for the error message).
_SHAPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "rule": (_is(str), "a rule code"),
    "name": (lambda v: isinstance(v, str) and bool(_NAME.fullmatch(v)), "lowercase letters, digits and -"),
    "form": (lambda v: v in FORMS, "one of " + ", ".join(FORMS)),
    "year": (_is(int), "a year"),
    "agency": (_is(str), "a string"),
    "signed": (_is(str), "a string"),
    "t3": (_t3_shape, "a table of T3Row names (NEW, GRANTED, …) to six numbers"),
    "text": (_is(str), "a string"),
    "path": (_is(str), "a file name"),
    "config": (lambda v: isinstance(v, dict), "a table of configuration keys"),
    "add": (_strings(), "a list of paragraphs"),
    "replace": (_pairs, 'a list of ["old", "new"] pairs'),
    "replace_all": (_pairs, 'a list of ["old", "new"] pairs'),
    "cut": (_strings(2), '["from", "to"]'),
    "row": (_row_shape, '{ label = "…", values = […] }'),
    "message": (lambda v: isinstance(v, str) and v != "", "a part of the message"),
    "marked": (_marked_shape, f"the marked text, optionally in its context as “…{MARK[0]}marked{MARK[1]}…”"),
    "count": (lambda v: _is(int)(v) and v >= 1, "a number of findings (1 or more)"),
    "severity": (lambda v: v in SEVERITIES, "one of " + ", ".join(SEVERITIES)),
    "related": (_pairs, 'a list of ["message", "marked text"] pairs'),
    "fix": (lambda v: v in (SAFE, SUGGESTED, NO_FIX), f"{SAFE}, {SUGGESTED} or {NO_FIX}"),
    "fix_message": (_is(str), "a part of the fix's description"),
    "edited": (_strings(), "the texts the fix's edits replace, in order"),
    "fixed": (_is(str), "the marked text after the fix"),
}
_DRAFT_SHAPES = _SHAPES | {"name": (_is(str), "the agency's short name")}  # a Draft field, not a case's name


@dataclass(frozen=True)
class Case:
    """One case of a case file. *kind* is ``fires`` or ``quiet``; *spec* is the case's table as
    written and *base* the file's ``[draft]`` table (the sample draft and edits of every case)."""

    file: Path
    rule: str
    kind: str
    name: str
    spec: Mapping[str, Any]
    base: Mapping[str, Any]

    @property
    def id(self) -> str:
        """The rule's code and the case's name (``NB201-new-row-total``): the pytest id."""
        return f"{self.rule}-{self.name}"

    def __str__(self) -> str:
        return f"{self.file.name} [[{self.kind}]] {self.name}"

    def _fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.base.items() if k in _DRAFT} | dict(self.spec.get("draft", {}))

    @property
    def path(self) -> str:
        """The file name the case's text is checked as: ``draft.md`` for Markdown."""
        if "path" in self.spec:
            return str(self.spec["path"])
        form = "tab" if "text" in self.spec else self._fields().get("form", "tab")
        return "draft" + SUFFIX[form]

    def text(self) -> str:
        """The text the case checks: its own ``text``, or the sample draft with the file's edits
        and then the case's. Raises CaseFileError when an edit's text is not in the draft."""
        if "text" in self.spec:
            return _edit(self.spec["text"], self.spec)
        fields = self._fields()
        form = fields.pop("form", "tab")
        if "t3" in fields:
            fields["t3"] = {getattr(T3Row, k): tuple(v) for k, v in fields["t3"].items()}
        extra = (*self.base.get("add", ()), *self.spec.get("add", ()))
        text = render(sample(fields.pop("year", 2023), extra=extra, **fields), form)
        return _edit(_edit(text, self.base), self.spec)


def case_file(rule: Rule) -> Path:
    """Where *rule*'s cases live: ``x.cases.toml`` next to the module ``x.py`` of its check."""
    module = Path(inspect.getsourcefile(rule.check) or "")
    return module.with_name(module.stem + CASES_SUFFIX)


def load_cases(path: str | Path) -> list[Case]:
    """The cases of the case file *path*, ``fires`` first, in file order. Raises CaseFileError
    for a file that is not TOML, a key the format does not have or a value of the wrong shape."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CaseFileError(f"{path}: {exc}") from None
    _validate(data, ("rule", "draft", FIRES, QUIET), ("rule",), path.name)
    base = data.get("draft", {})
    _validate(base, (*_DRAFT, *_EDITS), (), f"{path.name} [draft]", _DRAFT_SHAPES)
    cases: list[Case] = []
    for kind in (FIRES, QUIET):
        entries = data.get(kind, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise CaseFileError(f"{path.name}: {kind} must be written [[{kind}]]")
        for i, spec in enumerate(entries, 1):
            where = f"{path.name} [[{kind}]] {spec.get('name', f'#{i}')}"
            _validate(spec, _KEYS[kind], ("name", *_REQUIRED[kind]), where)
            _validate(spec.get("draft", {}), _DRAFT, (), f"{where}: draft", _DRAFT_SHAPES)
            if "text" in spec and ("draft" in spec or "add" in spec):
                raise CaseFileError(f"{where}: a case with its own text has no draft to change (draft, add)")
            if spec.get("fix") == NO_FIX and any(k in spec for k in ("fix_message", "edited", "fixed")):
                raise CaseFileError(f"{where}: with fix = {NO_FIX!r} there is no fix_message, edited or fixed")
            if any(c.name == spec["name"] for c in cases):
                raise CaseFileError(f"{where}: another case has this name")
            cases.append(Case(path, data["rule"], kind, spec["name"], spec, base))
    return cases


def _validate(
    table: Any,
    allowed: Sequence[str],
    required: Sequence[str],
    where: str,
    shapes: Mapping[str, tuple[Callable[[Any], bool], str]] = _SHAPES,
) -> None:
    if not isinstance(table, dict):
        raise CaseFileError(f"{where}: must be a table")
    for key, value in table.items():
        if key not in allowed:
            near = difflib.get_close_matches(key, allowed, n=1)
            raise CaseFileError(f"{where}: unknown key {key!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
        test, shape = shapes.get(key, (lambda v: True, ""))
        if key not in (FIRES, QUIET, "draft") and not test(value):
            raise CaseFileError(f"{where}: {key} must be {shape}, not {value!r}")
    missing = [key for key in required if key not in table]
    if missing:
        raise CaseFileError(f"{where}: missing {', '.join(missing)}")


def _edit(text: str, edits: Mapping[str, Any]) -> str:
    for old, new in edits.get("replace", ()):
        n = text.count(old)
        if n != 1:
            more = "; quote more of the text around it, or use replace_all" if n else ""
            raise CaseFileError(f"replace: {_quote(old)} occurs {n} times in the draft{more}")
        text = text.replace(old, new)
    for old, new in edits.get("replace_all", ()):
        if old not in text:
            raise CaseFileError(f"replace_all: {_quote(old)} is not in the draft")
        text = text.replace(old, new)
    if "cut" in edits:
        start, end = edits["cut"]
        if text.count(start) != 1:
            raise CaseFileError(f"cut: {_quote(start)} occurs {text.count(start)} times in the draft")
        i = text.index(start)
        j = text.find(end, i) if end else len(text)
        if j < 0:
            raise CaseFileError(f"cut: {_quote(end)} is not in the draft after {_quote(start)}")
        text = text[:i] + text[j:]
    if "row" in edits:
        label, values = edits["row"]["label"], [str(v) for v in edits["row"]["values"]]
        rows = [line for line in text.split("\n") if label in line and "\t" in line]
        if len(rows) != 1:
            raise CaseFileError(f"row: {len(rows)} tab-separated rows contain {_quote(label)}")
        cells = rows[0].split("\t")
        if len(values) > len(cells):
            raise CaseFileError(f"row: {_quote(label)} has {len(cells)} cells, fewer than {len(values)} values")
        cells[len(cells) - len(values) :] = values
        text = text.replace(rows[0], "\t".join(cells))
    return text


def check_case(case: Case, plugins: Sequence[Any] = ()) -> None:
    """Run *case* against the built-in rules and *plugins* (modules or objects with hook
    implementations). Raises AssertionError naming the case and listing what differed, or
    CaseFileError when the case cannot be built."""
    try:
        problems = _problems(case, tuple(plugins))
    except CaseFileError as exc:
        raise CaseFileError(f"{case}: {exc}") from None
    if problems:
        raise AssertionError(f"{case}:\n  " + "\n  ".join(problems))


def check_case_file(path: str | Path, plugins: Sequence[Any] = ()) -> None:
    """Run every case of the case file *path* (see `check_case`); one AssertionError lists each
    case that failed."""
    cases = load_cases(path)
    failures = []
    for case in cases:
        try:
            check_case(case, plugins)
        except (AssertionError, CaseFileError) as exc:
            failures.append(str(exc))
    if failures:
        raise AssertionError(f"{len(failures)} of {len(cases)} cases failed:\n" + "\n".join(failures))


def _problems(case: Case, plugins: tuple[Any, ...]) -> list[str]:
    rule = linter(plugins).registry.rules.get(case.rule)
    if rule is None:
        raise CaseFileError(f"there is no rule {case.rule} (is its plugin given?)")
    text = case.text()
    mine, crashes = _run(case, text, plugins)
    if crashes:
        return crashes
    if case.kind == QUIET:
        return [f"{case.rule} should be quiet but reports {_describe(text, f)}" for f in mine]
    spec = case.spec
    if not mine:
        return [f"{case.rule} reports nothing"]
    matching = [f for f in mine if spec["message"] in f.message]
    if len(matching) != 1:
        listing = "".join(f"\n    {_describe(text, f)}" for f in mine)
        return [f"{len(matching)} of its findings say {_quote(spec['message'])}; it reports:{listing}"]
    problems = []
    if len(mine) != spec.get("count", 1):
        listing = "".join(f"\n    {_describe(text, f)}" for f in mine)
        problems.append(f"{len(mine)} findings, expected {spec.get('count', 1)}:{listing}")
    finding = matching[0]
    problems += _marked(text, finding, spec["marked"])
    if "severity" in spec and finding.severity != spec["severity"]:
        problems.append(f"severity {finding.severity}, expected {spec['severity']}")
    related = [[r.message, text[r.start : r.end]] for r in finding.related]
    if "related" in spec and related != spec["related"]:
        problems.append(f"related places {_quote(related)}, expected {_quote(spec['related'])}")
    return problems + _fix_problems(case, rule, text, finding, mine, plugins)


def _run(case: Case, text: str, plugins: tuple[Any, ...]) -> tuple[list[Finding], list[str]]:
    """The case's rule's findings on *text*, and what any crash of it said."""
    found = check(text, plugins, case.path, [case.rule, INTERNAL_ERROR], inference=case.spec.get("config")).findings
    crashes = [f"the rule crashed: {f.message}" for f in found if f.code == INTERNAL_ERROR]
    return [f for f in found if f.code == case.rule], crashes


def _marked(text: str, finding: Finding, expected: str) -> list[str]:
    got = _describe(text, finding)
    if MARK[0] not in expected:
        if text[finding.start : finding.end] == expected:
            return []
        return [f"marks {got}, expected {_quote(expected)}"]
    before, rest = expected.split(MARK[0])
    inner, after = rest.split(MARK[1])
    whole = before + inner + after
    if text.count(whole) != 1:
        return [f"marks {got}; expected {_quote(expected)}, but its text occurs {text.count(whole)} times, not once"]
    start = text.index(whole) + len(before)
    if (finding.start, finding.end) == (start, start + len(inner)):
        return []
    return [f"marks {got}, expected {_quote(expected)}"]


def _fix_problems(
    case: Case, rule: Rule, text: str, finding: Finding, mine: list[Finding], plugins: tuple[Any, ...]
) -> list[str]:
    spec, fix = case.spec, finding.fix
    problems = []
    has = f"a {fix.applicability} fix “{fix.description}”" if fix else "no fix"
    if (fix.applicability if fix else NO_FIX) != spec["fix"]:
        problems.append(f"the finding has {has}, expected fix = {spec['fix']!r}")
    if (fix is not None and rule.fixable is Fixable.NEVER) or (fix is None and rule.fixable is Fixable.ALWAYS):
        problems.append(f"the rule is declared fixable={rule.fixable.value} but this finding has {has}")
    if fix is None:
        return problems
    if "fix_message" in spec and spec["fix_message"] not in fix.description:
        problems.append(f"the fix says {_quote(fix.description)}, expected {_quote(spec['fix_message'])} in it")
    edited = [text[e.start : e.end] for e in sorted(fix.edits, key=lambda e: (e.start, e.end))]
    if "edited" in spec and edited != spec["edited"]:
        problems.append(f"the fix's edits replace {_quote(edited)}, expected {_quote(spec['edited'])}")
    source, changed = apply_fixes(Source.from_text(text), [fix])
    after = source.text
    if not changed:
        return [*problems, f"the fix “{fix.description}” changes nothing"]
    problems += _outside_unchanged(text, after, fix, source.newline)
    lo = min(finding.start, *(e.start for e in fix.edits))
    hi = max(finding.end, *(e.end for e in fix.edits))
    fixed = after[lo : hi + len(after) - len(text)]
    if "fixed" in spec and fixed != spec["fixed"]:
        problems.append(f"after the fix the marked text reads {_quote(fixed)}, expected {_quote(spec['fixed'])}")
    again, crashes = _run(case, after, plugins)
    expected = Counter(f.message for f in mine)
    expected[finding.message] -= 1
    for f in again:
        if expected[f.message] > 0:
            expected[f.message] -= 1
        elif f.message == finding.message:
            problems.append(f"the finding is still there after its fix: {_describe(after, f)}")
        else:
            problems.append(f"after the fix the rule reports something new: {_describe(after, f)}")
    return problems + crashes


def _outside_unchanged(before: str, after: str, fix: Fix, newline: str) -> list[str]:
    """Whether *after* differs from *before* only inside the edits of *fix*, each as written."""
    shift, end = 0, 0
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        if edit.start < end:
            return [f"the fix's edits overlap at offset {edit.start}"]
        if after[end + shift : edit.start + shift] != before[end : edit.start]:
            return [f"the fix changes text between offsets {end} and {edit.start}, outside its edits"]
        new = edit.new_text.replace("\n", newline)
        if after[edit.start + shift : edit.start + shift + len(new)] != new:
            return [f"the fix's edit at offset {edit.start} was not applied as written"]
        shift += len(new) - (edit.end - edit.start)
        end = edit.end
    if after[end + shift :] != before[end:]:
        return [f"the fix changes text after offset {end}, outside its edits"]
    return []


def _describe(text: str, finding: Finding) -> str:
    """A finding as a case would quote it: line, the marked text in context, the message."""
    line = text.count("\n", 0, finding.start) + 1
    start = max(text.rfind("\n", 0, finding.start), finding.start - 12)
    end = min(len(text), finding.end + 12)
    context = text[start + 1 : finding.start] + MARK[0] + text[finding.start : finding.end] + MARK[1]
    return f"line {line} {_quote(context + text[finding.end : end])}: {finding.message}"


def _quote(value: Any) -> str:
    """*value* as TOML (and JSON) would write it: paste it into a case file."""
    return json.dumps(value, ensure_ascii=False)

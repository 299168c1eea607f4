"""The public API for plugin authors: everything a plugin imports from nianbao, in one module.

::

    from nianbao.api import ERROR, SAFE, Edit, Finding, Fix, Fixable, Report, hookimpl, rule

Names here are a stable interface (docs/plugins.md documents them); the modules they come from
are nianbao's internals and may change. Tests of a plugin use `nianbao.testing`.

- writing rules: `rule`, `Rule`, `Finding`, `Fix`, `Edit`, `Related`, `Fixable`; severities
  `ERROR`, `WARNING`, `INFO`; fix applicabilities `SAFE` (applied by ``--fix``) and `SUGGESTED`;
- cross-year rules (hook ``nianbao_year_rules``): `year_rule`, and what they read, `ReportDigest`
  (a report as the other years see it) with its parts `TableDigest`, `CellDigest`,
  `SectionDigest`, `Sentence`, `YearMention`;
- hooks: `hookimpl` (see `nianbao.hookspec` for the hook specifications);
- template additions: `TemplateVariants`, `Alias`, `Identity` (a 勾稽关系 over a table's cells);
- a table's typed rows and columns, to read cells (``table.number(T3Row.TOTAL, T3Col.NATURAL)``,
  and a digest's table the same way): `T2Row`, `T2Col`, `T3Row`, `T3Col`, `T4Row`, `T4Col`;
- the parsed draft a rule reads: `Report` and its parts `Section`, `Table`, `Paragraph`;
- text helpers rules need to match drafts as nianbao does: `normalize` (drop spaces, fold
  full-width forms), `fold`, `int_to_cn`/`cn_to_int` (一二三 ⇄ 1 2 3), `place_names` (an agency
  name's place prefixes one by one: 云州市临川区 → 云州市, 临川区; what provincial rules use to tell
  whose report it is).
"""

from __future__ import annotations

from .digest import ReportDigest
from .digest_parts import CellDigest, SectionDigest, Sentence, TableDigest, YearMention
from .facts import place_names
from .hookspec import hookimpl
from .model import Paragraph, Report, Section, Table
from .ruledef import (
    ERROR,
    INFO,
    SAFE,
    SUGGESTED,
    WARNING,
    Edit,
    Finding,
    Fix,
    Fixable,
    Related,
    Rule,
    rule,
    year_rule,
)
from .template import Alias, Identity, T2Col, T2Row, T3Col, T3Row, T4Col, T4Row, TemplateVariants
from .textutil import cn_to_int, fold, int_to_cn, normalize

__all__ = [
    "ERROR",
    "INFO",
    "SAFE",
    "SUGGESTED",
    "WARNING",
    "Alias",
    "CellDigest",
    "Edit",
    "Finding",
    "Fix",
    "Fixable",
    "Identity",
    "Paragraph",
    "Related",
    "Report",
    "ReportDigest",
    "Rule",
    "Section",
    "SectionDigest",
    "Sentence",
    "T2Col",
    "T2Row",
    "T3Col",
    "T3Row",
    "T4Col",
    "T4Row",
    "Table",
    "TableDigest",
    "TemplateVariants",
    "YearMention",
    "cn_to_int",
    "fold",
    "hookimpl",
    "int_to_cn",
    "normalize",
    "place_names",
    "rule",
    "year_rule",
]

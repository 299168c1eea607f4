"""Hook specifications: what a nianbao plugin can contribute.

A plugin is a module (or any object) with functions decorated by ``nianbao.hookimpl`` whose names
are those below. nianbao's own rules are registered the same way (``nianbao.rules``), so a
provincial plugin is exactly as capable as the core. Plugins are found through the entry-point
group ``nianbao`` — the entry-point *name* is the plugin's code prefix (``SD = "nianbao_shandong"``)
— or loaded from a path in ``nianbao.toml`` (``local-plugins``). See docs/plugins.md.

Every hook is optional; implementations may accept a subset of the arguments (pluggy passes what
they name), which is how new arguments are added without breaking existing plugins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .ruledef import Rule
    from .template import TemplateVariants

PROJECT = "nianbao"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def nianbao_rules() -> Sequence[Rule]:
    """Return the rules this plugin contributes.

    Each is a `nianbao.Rule`, usually made with the ``@nianbao.rule`` decorator. Codes must start
    with the plugin's prefix (the entry-point name, e.g. ``SD101`` for prefix ``SD``) and are
    stable public API: users put them in configuration and suppression comments.

    Called once when the registry is built. A plugin whose hook raises is reported once and
    skipped; a rule whose check raises becomes an NB001 finding naming the rule and the plugin.
    """


@hookspec
def nianbao_year_rules() -> Sequence[Rule]:
    """Return the cross-year rules this plugin contributes: rules that compare a report with the
    same agency's report for the year before.

    Each is a `nianbao.Rule` made with the ``@nianbao.year_rule`` decorator on a
    function ``(current, previous) -> Iterable[Finding]`` taking two `nianbao.ReportDigest` objects —
    this year's and last year's. The digest is all a cross-year rule sees (the agency, the year,
    the table cells by the specs' ``key`` names, sentence fingerprints per section); findings are
    offsets into this year's text, and a `Related` with ``path=previous.path`` points into last
    year's. Codes follow the same rules as ``nianbao_rules`` (the plugin's prefix, stable), and the
    rules are selected, configured and suppressed (by comments in this year's file) like any other.

    Called once when the registry is built; a raising hook skips the plugin, a raising check
    becomes NB001. Cross-year rules run only for a report whose predecessor was found.
    """


@hookspec
def nianbao_template_variants() -> TemplateVariants | None:
    """Return additions to the national template that this plugin's users are allowed or required to use.

    A `nianbao.TemplateVariants` with any of:

    - ``section_titles``: extra accepted titles per section number, e.g.
      ``{2: ("行政机关主动公开政府信息情况",)}`` — they stop NB103 from reporting them;
    - ``aliases``: extra nonstandard labels with their standard text (`nianbao.Alias`), which
      NB502 then reports and fixes;
    - ``section_items``: required sub-items per section, as ``(label, cores)`` pairs, for the
      plugin's own rules (they read them from ``report.templates.section_items``).

    Variants from all plugins are merged into one `TemplateSet` before any draft is parsed.
    """


@hookspec
def nianbao_config_defaults() -> Mapping[str, Any] | None:
    """Return configuration defaults this plugin wants, in ``nianbao.toml`` form.

    For example ``{"ignore": ["NB903"], "severity": {"SD101": "error"}}``. Only ``select``,
    ``ignore``, ``severity`` and ``per-file-ignores`` may be set this way (other keys are reported and
    ignored). The user's own configuration always wins; defaults from several plugins are merged in
    registration order.
    """

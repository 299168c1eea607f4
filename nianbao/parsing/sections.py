"""Which template section a heading's title names."""

from __future__ import annotations

from ..template import SECTION_KEYWORD_ORDER, SectionSpec, TemplateSet
from ..textutil import normalize


def identify_section(title: str, templates: TemplateSet) -> tuple[SectionSpec | None, str]:
    """Which template section a heading title names, and how (standard, variant, obsolete, keyword)."""
    norm = normalize(title).rstrip("。.")
    for spec in templates.sections:
        if norm == normalize(spec.standard):
            return spec, "standard"
    for spec in templates.sections:
        if any(norm == normalize(v) for v in spec.variants):
            return spec, "variant"
        if any(norm == normalize(v) for v in spec.obsolete):
            return spec, "obsolete"
    for number in SECTION_KEYWORD_ORDER:
        spec = templates.section(number)
        if any(all(word in norm for word in words) for words in spec.keywords):
            return spec, "keyword"
    return None, ""

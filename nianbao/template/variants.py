"""What plugins may add to the national template, and the merged `TemplateSet` rules read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..record import FrozenRecord
from .sections import SECTIONS, SectionSpec
from .tables import LABEL_ALIASES, Alias, Identity, TableSpec, table_spec


class TemplateVariants(FrozenRecord):
    """What a plugin contributes to the template (see ``hookspec.nianbao_template_variants``).

    section_titles: extra accepted titles per section number, e.g. ``{2: ("…",)}``.
    aliases: extra nonstandard labels with their standard replacement.
    section_items: required sub-items per section number, as ``(label, cores)`` pairs; a plugin
    rule decides when they apply (the core only carries them so every rule sees one template).
    identities: extra 勾稽关系 per table kind (``{"t3": (Identity(...),)}``) over the table's
    `RowSpec`/`ColumnSpec` keys; the identity checker evaluates them with the template's own, and
    drops any whose cells a report's table does not have.
    """

    __slots__ = ("section_titles", "aliases", "section_items", "identities")
    section_titles: dict[int, tuple[str, ...]]
    aliases: tuple[Alias, ...]
    section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]]
    identities: Mapping[str, tuple[Identity, ...]]

    def __init__(
        self,
        section_titles: dict[int, tuple[str, ...]] | None = None,
        aliases: tuple[Alias, ...] = (),
        section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] | None = None,
        identities: Mapping[str, tuple[Identity, ...]] | None = None,
    ) -> None:
        self._init(section_titles or {}, aliases, section_items or {}, identities or {})


class TemplateSet(FrozenRecord):
    """The national template data merged with plugin variants; what rules and parsers read."""

    __slots__ = ("sections", "aliases", "section_items", "extra_identities")
    sections: tuple[SectionSpec, ...]
    aliases: tuple[Alias, ...]
    section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]]
    extra_identities: Mapping[str, tuple[Identity, ...]]

    def __init__(
        self,
        sections: tuple[SectionSpec, ...] = SECTIONS,
        aliases: tuple[Alias, ...] = LABEL_ALIASES,
        section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] | None = None,
        extra_identities: Mapping[str, tuple[Identity, ...]] | None = None,
    ) -> None:
        self._init(sections, aliases, section_items or {}, extra_identities or {})

    def section(self, number: int) -> SectionSpec:
        return self.sections[number - 1]

    def aliases_for(self, scope: str, template: str | None) -> tuple[Alias, ...]:
        return tuple(a for a in self.aliases if a.scope == scope and (template is None or template in a.templates))

    def table(self, kind: str, template: str) -> TableSpec | None:
        """Table *kind*'s spec in *template*, with the identities plugins added."""
        spec = table_spec(kind, template)
        extra = self.extra_identities.get(kind, ())
        if spec is None or not extra:
            return spec
        return spec.replace(identities=spec.identities + extra)

    @classmethod
    def build(cls, variants: Iterable[TemplateVariants]) -> TemplateSet:
        sections = list(SECTIONS)
        aliases = list(LABEL_ALIASES)
        items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        identities: dict[str, tuple[Identity, ...]] = {}
        for v in variants:
            for number, titles in v.section_titles.items():
                spec = sections[number - 1]
                extra = tuple(t for t in titles if t not in spec.variants and t != spec.standard)
                sections[number - 1] = spec.replace(variants=spec.variants + extra)
            aliases.extend(a for a in v.aliases if a not in aliases)
            for number, wanted in v.section_items.items():
                items[number] = items.get(number, ()) + tuple(wanted)
            for kind, added in v.identities.items():
                identities[kind] = identities.get(kind, ()) + tuple(added)
        return cls(tuple(sections), tuple(aliases), items, identities)


DEFAULT_TEMPLATES = TemplateSet()

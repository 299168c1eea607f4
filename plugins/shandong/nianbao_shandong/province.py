"""Whether a report is a Shandong agency's: the plugin's rules check only those.

The configuration decides when it says (``province = "山东"`` in ``nianbao.toml``, or in an
``[[overrides]]`` entry for some files); otherwise the agency's name does: the agency from the
configuration (``agency = …``), the title or the signature is Shandong's when its first place name
that says anything is 山东省, one of its prefecture-level cities or one of their counties and
districts (`places`). A name with no such place (青山镇人民政府) is not enough to tell: the rules
stay quiet rather than apply one province's requirements to another's report.
"""

from __future__ import annotations

from nianbao.api import Report, normalize, place_names

from .places import PLACES, PROVINCE_NAMES

_PROVINCE_ENDINGS = ("省", "自治区")
_LONGEST_FIRST = tuple(sorted(PLACES, key=len, reverse=True))


def is_shandong(report: Report) -> bool:
    configured = report.overrides.get("province")
    if isinstance(configured, str):
        return normalize(configured) in PROVINCE_NAMES
    for name in _agency_names(report):
        verdict = _named_province(name)
        if verdict is not None:
            return verdict
    return False


def _agency_names(report: Report) -> list[str]:
    agency = report.facts.agency
    names = [agency.name] if agency else []
    for part in (report.title, report.signature):
        if part is not None and part.agency:
            names.append(part.agency)
    return names


def _named_province(name: str) -> bool | None:
    """True for a Shandong place in *name*, False for another province, None when it does not say."""
    rest = normalize(name)
    while rest:
        if rest.startswith(_LONGEST_FIRST):  # also one-character counties (莒县), no place_names piece
            return True
        place = place_names(rest)[0]
        if place == rest:
            return None  # the rest is the agency itself
        if place.endswith(_PROVINCE_ENDINGS):
            return False
        rest = rest[len(place) :]
    return None

"""nianbao-shandong: what Shandong adds to the national template.

- Section titles worded the Shandong way (``二、行政机关主动公开政府信息情况``,
  ``四、因政府信息公开工作被申请行政复议、提起行政诉讼情况``) are accepted, so NB103 stays quiet.
- From report year 2021, section 六 must report six items one by one (SD101).
"""

from __future__ import annotations

from nianbao.api import Rule, TemplateVariants, hookimpl

from .items import SECTION_SIX_ITEMS, SECTION_TITLES

PREFIX = "SD"


@hookimpl
def nianbao_rules() -> list[Rule]:
    from .sd101_section_six_items import section_six_items

    return [section_six_items]


@hookimpl
def nianbao_template_variants() -> TemplateVariants:
    return TemplateVariants(section_titles=SECTION_TITLES, section_items={6: SECTION_SIX_ITEMS})

"""nianbao's built-in rules: the national template's catalog (NB codes).

Registered through the same ``nianbao_rules`` and ``nianbao_year_rules`` hooks as any third-party
plugin. One module per rule; each module's docstring-carrying check function is the rule (see
``nianbao.ruledef.rule`` and, for the cross-year rules NB6xx, ``nianbao.ruledef.year_rule``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nianbao.hookspec import hookimpl

if TYPE_CHECKING:
    from nianbao.ruledef import Rule


@hookimpl
def nianbao_rules() -> list[Rule]:
    from .nb001_internal_error import internal_error
    from .nb002_unreadable import unreadable
    from .nb101_missing_section import missing_section
    from .nb102_section_order import section_order
    from .nb103_section_title import section_title
    from .nb104_missing_title import missing_title
    from .nb105_missing_table import missing_table
    from .nb106_incomplete_table import incomplete_table
    from .nb201_table3_row_total import table3_row_total
    from .nb202_table3_outcome_total import table3_outcome_total
    from .nb203_table3_balance import table3_balance
    from .nb204_table4_total import table4_total
    from .nb205_text_table_mismatch import text_table_mismatch
    from .nb206_text_sum_mismatch import text_sum_mismatch
    from .nb207_invalid_cell import invalid_cell
    from .nb208_regulation_power import regulation_power
    from .nb301_title_year import title_year
    from .nb302_title_missing_year import title_missing_year
    from .nb303_period_year import period_year
    from .nb304_date_window import date_window
    from .nb401_agency_inconsistent import agency_inconsistent
    from .nb402_foreign_agency import foreign_agency
    from .nb403_self_reference import self_reference
    from .nb404_missing_signature import missing_signature
    from .nb501_template_version import template_version
    from .nb502_nonstandard_label import nonstandard_label
    from .nb503_regulation_name import regulation_name
    from .nb901_conversion_artifact import conversion_artifact
    from .nb902_title_duplication import title_duplication
    from .nb903_impossible_percentage import impossible_percentage

    return [
        internal_error,
        unreadable,
        missing_section,
        section_order,
        section_title,
        missing_title,
        missing_table,
        incomplete_table,
        table3_row_total,
        table3_outcome_total,
        table3_balance,
        table4_total,
        text_table_mismatch,
        text_sum_mismatch,
        invalid_cell,
        regulation_power,
        title_year,
        title_missing_year,
        period_year,
        date_window,
        agency_inconsistent,
        foreign_agency,
        self_reference,
        missing_signature,
        template_version,
        nonstandard_label,
        regulation_name,
        conversion_artifact,
        title_duplication,
        impossible_percentage,
    ]


@hookimpl
def nianbao_year_rules() -> list[Rule]:
    from .nb601_carry_over import carry_over
    from .nb602_document_stock import document_stock
    from .nb603_item_count import item_count
    from .nb604_table_copied import table_copied
    from .nb605_copied_prose import copied_prose
    from .nb606_year_not_updated import year_not_updated

    return [carry_over, document_stock, item_count, table_copied, copied_prose, year_not_updated]

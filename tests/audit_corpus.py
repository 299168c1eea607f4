"""A small folder of fictional drafts as an office receives them, for the audit report's tests: several
agencies of different levels and counties, four years, every surface form, clean drafts and drafts
with known defects (some with related locations), and one file that is not text at all.

Run as a script to write it: ``python -m tests.audit_corpus DIR`` (the README's picture was made so).
"""

from __future__ import annotations

import sys
from pathlib import Path

from nianbao.testing.drafts import FORMS, SUFFIX, Draft, render

AGENCIES = (
    ("青禾县云溪镇人民政府", "云溪镇"),
    ("青禾县石桥镇人民政府", "石桥镇"),
    ("青禾县东岭乡人民政府", "东岭乡"),
    ("松山县城关街道办事处", "城关街道"),
    ("松山县梅兰镇人民政府", "梅兰镇"),
    ("松山县卫生健康局", "卫生健康局"),
    ("青禾县教育局", "教育局"),
)
YEARS = (2020, 2021, 2022, 2023)
# (needle, replacement) pairs ({y}: the report year); a draft gets the defects listed for it in PLAN.
DEFECTS = {
    "label": ("1.属于国家秘密", "1.属于国家机密"),  # NB502 warning, safe fix
    "regulation": ("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》"),  # NB503 error
    "title-year": ("{y}年政府信息公开工作年度报告", "{last}年政府信息公开工作年度报告"),  # NB301, related places
    "outcome-total": ("\t（七）总计\t\t3\t1", "\t（七）总计\t\t4\t1"),  # NB201-203, related cells (tab form)
}
PLAN = (
    (),
    ("label",),
    (),
    ("regulation", "label"),
    ("outcome-total",),
    ("regulation", "title-year", "outcome-total"),
    ("title-year",),
)


def drafts() -> dict[str, str]:
    """File name → text, in a fixed order."""
    out: dict[str, str] = {}
    for i, (agency, name) in enumerate(AGENCIES):
        for j, year in enumerate(YEARS):
            form = "tab" if (i + j) % 3 else FORMS[(i + j) % len(FORMS)]
            text = render(Draft(year=year, agency=agency, name=name, signed=f"{year + 1}年1月{10 + j}日"), form)
            for defect in PLAN[(i + j) % len(PLAN)]:
                needle, replacement = (part.format(y=year, last=year - 1) for part in DEFECTS[defect])
                text = text.replace(needle, replacement, 1)
            out[f"{agency}{year}年度报告{SUFFIX[form]}"] = text
    return out


def write(folder: Path) -> list[Path]:
    """Write the drafts, and one file that is not text, into *folder*; returns the drafts' paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in drafts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    unreadable = folder / "扫描件2023年度报告.txt"
    unreadable.write_bytes(bytes(range(256)) * 4)
    return [*paths, unreadable]


if __name__ == "__main__":
    print(f"wrote {len(write(Path(sys.argv[1])))} files")

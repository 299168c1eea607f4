"""Realistic drafts for benchmarks: both templates, every surface form, 5–30 KB, consistent numbers,
optional injected defects; the same seed always gives the same drafts.

Built on `nianbao.testing.drafts` (fictional agencies and prose written for this project).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nianbao.template import RowSpec, T3Row, t3_outcome_rows
from nianbao.testing.drafts import FORMS, SUFFIX, Draft, render

_PLACE = "云溪石桥东岭青禾松柏梅兰竹安平和顺河湾山塘花林泉源丰泰新华光明"
_SENTENCES = (
    "本年度持续推进政务公开标准化规范化建设，梳理完善公开事项目录{n}项。",
    "围绕乡村振兴、社会救助、生态环境等重点领域，及时公开政策文件和执行情况。",
    "通过政务公开栏、村务公开栏同步发布涉及群众切身利益的信息{n}条。",
    "组织召开政务公开专题会议{n}次，研究部署年度重点任务。",
    "对发布信息严格履行保密审查程序，确保内容准确、格式规范。",
    "加强政策解读，采用图文、问答等形式解读政策文件{n}件。",
    "及时回应群众关切，办理网民留言{n}件，按期办结率保持稳定。",
    "完善政府信息管理制度，建立健全信息发布台账和动态更新机制。",
    "开展政务公开业务培训，提升工作人员的业务能力和服务水平。",
    "推动基层政务公开向村居延伸，指导各村规范公开村务财务信息。",
)
# One defect at a time, each a (needle, replacement) on the rendered text.
DEFECTS = (
    ("1.属于国家秘密", "1.属于国家机密"),
    ("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》"),
    ("商业企业", "商业机构"),
    ("四、结转下年度继续办理", "四、结转下年度继续办理\t9"),
    ("提升答复质量。", "确保按时办复率达100%以上。"),
    ("年政府信息公开工作年度报告", "年政府信息公开 公开工作年度报告"),
)


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    form: str
    year: int
    defect: str = ""


def _t3(rng: random.Random, year: int) -> dict[RowSpec, tuple[int, ...]]:
    rows = list(t3_outcome_rows("2021" if year >= 2021 else "2019"))
    data: dict[RowSpec, list[int]] = {key: [0] * 6 for key in (T3Row.NEW, T3Row.CARRIED, T3Row.CARRY_FORWARD, *rows)}
    for col, scale in enumerate((30, 6, 2, 2, 2, 3)):
        new = rng.randint(0, scale)
        carried = rng.randint(0, max(1, scale // 10))
        forward = rng.randint(0, min(2, new + carried))
        data[T3Row.NEW][col], data[T3Row.CARRIED][col], data[T3Row.CARRY_FORWARD][col] = new, carried, forward
        for _ in range(new + carried - forward):
            data[rng.choice(rows)][col] += 1
    return {key: tuple(values) for key, values in data.items()}


def sample(
    seed: int, size_kb: float | None = None, form: str | None = None, year: int | None = None, defect_rate: float = 0.0
) -> Sample:
    """One draft, determined by *seed* (and the optional fixed size/form/year)."""
    rng = random.Random(seed)
    year = year or rng.randint(2019, 2024)
    form = form or rng.choice(FORMS)
    size = size_kb if size_kb is not None else rng.uniform(5, 30)
    name = rng.choice(_PLACE) + rng.choice(_PLACE) + "镇"
    draft = Draft(
        year=year,
        agency=f"青禾县{name}人民政府",
        name=name,
        signed=f"{year + 1}年1月{rng.randint(5, 28)}日",
        t3=_t3(rng, year),
    )
    base = render(draft, form)
    extra: list[str] = []
    while len((base + "".join(extra)).encode("utf-8")) < size * 1024:
        extra.append("".join(rng.choice(_SENTENCES).format(n=rng.randint(1, 99)) for _ in range(rng.randint(2, 6))))
    draft = Draft(
        year=draft.year, agency=draft.agency, name=draft.name, signed=draft.signed, t3=draft.t3, extra=tuple(extra)
    )
    text = render(draft, form)
    defect = ""
    if defect_rate and rng.random() < defect_rate:
        needle, replacement = rng.choice(DEFECTS)
        if needle in text:
            text = text.replace(needle, replacement, 1)
            defect = replacement
    return Sample(f"{seed:06d}-{name}{year}年度报告{SUFFIX[form]}", text, form, year, defect)


def corpus(count: int, seed: int = 0, defect_rate: float = 0.2, **fixed: object) -> Iterator[Sample]:
    for i in range(count):
        yield sample(seed * 1_000_003 + i, defect_rate=defect_rate, **fixed)  # type: ignore[arg-type]


def write(directory: Path, count: int, seed: int = 0, defect_rate: float = 0.2) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in corpus(count, seed, defect_rate):
        path = directory / s.name
        path.write_text(s.text, encoding="utf-8")
        paths.append(path)
    return paths

"""NB205: “所有申请均已办结” against table 3's 四、结转下年度继续办理 (a real defect of published reports)."""

from __future__ import annotations

import pytest

from nianbao.testing import lint
from nianbao.testing.drafts import clean

SENTENCE = "本年度共收到政府信息公开申请 4 件，上年结转 1 件，已办结 4 件，结转下年度继续办理 1 件。"


def nb205(sentence: str) -> list[str]:
    text = clean()
    assert SENTENCE in text
    return [f.message for f in lint(text.replace(SENTENCE, sentence), select=["NB205"])]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请 4 件，上年结转 1 件，所有申请均已办结。",
        "本年度共收到政府信息公开申请 4 件，上年结转 1 件，全部申请均已办理完成。",
    ],
)
def test_all_done_while_one_is_carried_forward(sentence: str) -> None:
    assert nb205(sentence) == ["正文说申请均已办结，但表三“四、结转下年度继续办理”的总计为 1"]


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请 4 件，上年结转 1 件，除结转下年度的 1 件外，其余申请均已办结。",
        "本年度共收到政府信息公开申请 4 件，上年结转 1 件，均在法定期限内答复。",
        "本年度共收到政府信息公开申请 4 件，上年结转 1 件，已办结 4 件，结转下年度继续办理 1 件。",
    ],
)
def test_near_misses_are_quiet(sentence: str) -> None:
    assert nb205(sentence) == []

"""The same report as text, .docx, HTML and PDF gives the same findings (codes and messages)."""

from __future__ import annotations

import shutil

import pytest

from nianbao.documents import read_document
from nianbao.testing import lint
from nianbao.testing.drafts import clean

from .documents_support import make_docx, make_html, make_pdfs

TEXT = clean()
# One defect of each kind, made in the text; every format is made from the defective text.
DEFECTS = {
    "clean": TEXT,
    "wrong-total": TEXT.replace("（七）总计\t\t3\t1", "（七）总计\t\t4\t1"),
    "title-year": TEXT.replace("人民政府2023年政府", "人民政府2022年政府"),
    "foreign-agency": TEXT.replace("镇党委将政务公开", "石门镇党委将政务公开"),
    "missing-section": TEXT.replace("五、存在的主要问题及改进情况\n\n", ""),
    "nonstandard-label": TEXT.replace("属于国家秘密", "属于国家机密"),
}


def _docx(name: str) -> bytes:
    # Word renumbers the sections after a deleted one (六 becomes 五): that is another report.
    return make_docx(DEFECTS[name], numbered=name != "missing-section")


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return dict(zip(DEFECTS, make_pdfs([_docx(name) for name in DEFECTS])))


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint(text)]


@pytest.mark.parametrize("name", DEFECTS)
@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_findings_as_the_text(fmt: str, name: str, request: pytest.FixtureRequest) -> None:
    expected = findings(DEFECTS[name])
    assert bool(expected) == (name != "clean")
    if fmt == "docx":
        data = _docx(name)
    elif fmt == "html":
        data = make_html(DEFECTS[name])
    else:
        data = request.getfixturevalue("pdfs")[name]
    assert findings(read_document(data, fmt).text) == expected

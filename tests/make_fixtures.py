"""Write the README's example drafts (``examples/``) from nianbao.testing.drafts.

Run ``python -m tests.make_fixtures`` after changing nianbao/testing/drafts.py; test_fixtures_current.py fails
when the files on disk differ from what this produces.
"""

from __future__ import annotations

from pathlib import Path

from nianbao.testing.drafts import Draft, clean, render

ROOT = Path(__file__).resolve().parents[1]


def defective_example() -> str:
    """A township draft with the defects reviewers most often send back."""
    d = Draft(agency="青禾县石桥镇人民政府", name="石桥镇", signed="2024年2月6日")
    text = render(d)
    # one more 予以公开 (自然人) typed than the row's 总计 and （七）总计 account for: one wrong cell
    granted = "（一）予以公开\t\t" + "\t".join(["2", "1", "0", "0", "0", "0", "3"])
    assert granted in text
    text = text.replace(granted, "（一）予以公开\t\t" + "\t".join(["3", "1", "0", "0", "0", "0", "3"]))
    text = text.replace("人民政府2023年政府信息公开", "人民政府2022年政府信息公开")
    text = text.replace("1.属于国家秘密", "1.属于国家机密")
    text = text.replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
    text = text.replace("镇党委将政务公开纳入年度考核", "云溪镇党委将政务公开纳入年度考核")
    text = text.replace("提升答复质量。", "确保按时办复率达100%以上。")
    text = text.replace("规范信息发布审核流程", "[bookmark: _GoBack]规范信息发布审核流程")
    return text


def markdown_example() -> str:
    """A 2020 Markdown draft (2019 template) with two fixable defects."""
    d = Draft(year=2020, agency="青禾县东岭乡人民政府", name="东岭乡", signed="2021年1月20日")
    text = render(d, "markdown").replace("我镇", "我乡")
    text = text.replace("| 商业企业 |", "| 商业机构 |").replace(
        "## 三、收到和处理政府信息公开申请情况", "## 三、依申请公开政府信息情况"
    )
    return text


def files() -> dict[Path, str]:
    return {
        ROOT / "examples" / "云溪镇2023年政府信息公开工作年度报告.txt": clean(),
        ROOT / "examples" / "石桥镇2023年度报告-初稿.txt": defective_example(),
        ROOT / "examples" / "东岭乡2020年度报告.md": markdown_example(),
    }


if __name__ == "__main__":
    for path, text in files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        print(path.relative_to(ROOT))

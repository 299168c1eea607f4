from __future__ import annotations

from nianbao.testing.drafts import clean

from .conftest import codes

BAD = clean().replace("1.属于国家秘密", "1.属于国家机密").replace("提升答复质量。", "满意率为120%。")


def test_baseline() -> None:
    assert codes(BAD) == ["NB502", "NB903"]


def test_disable_next_line() -> None:
    text = BAD.replace("一是政策解读", "<!-- nianbao-disable-next-line NB903 -->\n一是政策解读")
    assert codes(text) == ["NB502"]


def test_disable_line_inside_a_table_row() -> None:
    text = BAD.replace("1.属于国家机密", "1.属于国家机密<!-- nianbao-disable-line NB502 -->")
    assert codes(text) == ["NB903"]


def test_disable_and_enable_range_with_prefixes() -> None:
    text = BAD.replace("三、收到和处理", "<!-- nianbao-disable NB5, NB9 -->\n三、收到和处理").replace(
        "四、政府信息公开行政复议", "<!-- nianbao-enable NB9 -->\n四、政府信息公开行政复议"
    )
    assert codes(text) == ["NB903"]


def test_disable_without_codes_and_disable_file() -> None:
    assert codes("<!-- nianbao-disable -->\n" + BAD) == []
    assert codes(BAD + "\n<!-- nianbao-disable-file NB903 -->\n") == ["NB502"]


def test_comments_do_not_change_the_parse() -> None:
    text = clean().replace("三、收到和处理", "<!-- 起草说明：表格已核对 -->\n三、收到和处理")
    assert codes(text) == []

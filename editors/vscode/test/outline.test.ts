import assert from "node:assert/strict";
import { test } from "node:test";
import { isMarkdownHeading, markdownOutline } from "../src/outline";

interface Sym {
  name: string;
  range: { start: { line: number } };
  children?: Sym[];
}

const at = (name: string, line: number, children?: Sym[]): Sym => ({ name, range: { start: { line } }, children });
const lines = [
  "# 云溪镇人民政府2023年政府信息公开工作年度报告", // 0
  "",
  "## 一、总体情况", // 2
  "（一）主动公开", // 3
  "三、收到和处理政府信息公开申请情况", // 4: a section written as a plain line
  "| 申请人情况 | … |", // 5
  "四、政府信息公开行政复议、行政诉讼情况", // 6: setext heading
  "---",
  "| 行政复议 | … |", // 8
  "云溪镇人民政府", // 9
];
const lineText = (line: number) => lines[line];

test("Markdown headings, ATX and setext, are recognised", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 6, 8].map((l) => isMarkdownHeading(lineText, l)), [true, false, true, false, false, true, false]);
});

test("the Markdown outline keeps what VS Code's own lacks: tables, plain-line sections, the signature", () => {
  const symbols = [
    at("title", 0),
    at("一、总体情况", 2, [at("（一）主动公开", 3)]),
    at("三、收到和处理政府信息公开申请情况", 4, [at("表三", 5)]),
    at("四、政府信息公开行政复议、行政诉讼情况", 6, [at("表四", 8)]),
    at("落款", 9),
  ];
  const names = (s: Sym[]): unknown[] => s.map((x) => (x.children?.length ? [x.name, names(x.children)] : x.name));
  assert.deepEqual(names(markdownOutline(symbols, lineText)), [
    "（一）主动公开",
    ["三、收到和处理政府信息公开申请情况", ["表三"]],
    "表四",
    "落款",
  ]);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { documentSelector, globToRegExp, isDraft } from "../src/selector";

const include = ["**/*年度报告*", "**/*年报*"];

test("glob semantics", () => {
  assert.ok(globToRegExp("**/*.txt").test("a/b/c.txt"));
  assert.ok(globToRegExp("**/*.txt").test("c.txt"));
  assert.ok(!globToRegExp("*.txt").test("a/c.txt"));
  assert.ok(globToRegExp("reports/**").test("reports/2023/a.txt"));
  assert.ok(globToRegExp("a?.{txt,md}").test("ab.md"));
  assert.ok(!globToRegExp("a?.{txt,md}").test("abc.md"));
  assert.ok(globToRegExp("file(1).txt").test("file(1).txt"));
});

test("drafts by name", () => {
  assert.ok(isDraft("/home/u/docs/云溪镇2023年政府信息公开工作年度报告.txt", include, []));
  assert.ok(isDraft("/home/u/docs/东岭乡2020年报.md", include, []));
  assert.ok(isDraft("C:\\Users\\u\\年度报告-初稿.txt", include, []));
  assert.ok(!isDraft("/home/u/docs/会议纪要.txt", include, []));
  assert.ok(!isDraft("/home/u/docs/年度报告.docx", include, []));
});

test("drafts by folder with nianbao.toml", () => {
  assert.ok(isDraft("/work/reports/2023/a.txt", include, ["/work/reports"]));
  assert.ok(!isDraft("/work/reports-old/a.txt", include, ["/work/reports"]));
  assert.ok(!isDraft("/work/other/a.txt", include, ["/work/reports"]));
});

test("the client's document selector covers both languages and both sources", () => {
  const filters = documentSelector(include, ["/work/reports"]);
  assert.equal(filters.length, 6);
  assert.deepEqual(filters[0], { scheme: "file", language: "plaintext", pattern: "**/*年度报告*" });
  assert.ok(filters.some((f) => f.language === "markdown" && f.pattern === "/work/reports/**"));
});

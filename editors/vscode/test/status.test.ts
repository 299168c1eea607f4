import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { findingsTooltip } from "../src/status";

const root = path.join(__dirname, "..", "..");
const zh: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, "l10n", "bundle.l10n.zh-cn.json"), "utf-8"));
const english = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
const chinese = (message: string, ...args: (string | number)[]) => english(zh[message] ?? `MISSING: ${message}`, ...args);

test("the findings tooltip counts in good English and in Chinese", () => {
  assert.equal(findingsTooltip(0, english), "nianbao: no findings");
  assert.equal(findingsTooltip(1, english), "nianbao: 1 finding in open drafts");
  assert.equal(findingsTooltip(2, english), "nianbao: 2 findings in open drafts");
  assert.equal(findingsTooltip(1, chinese), "nianbao：打开的草稿中有 1 个问题");
  assert.equal(findingsTooltip(3, chinese), "nianbao：打开的草稿中有 3 个问题");
});

test("every message the extension shows has its Chinese translation", () => {
  const used = new Set<string>();
  for (const file of fs.readdirSync(path.join(root, "src"))) {
    const text = fs.readFileSync(path.join(root, "src", file), "utf-8");
    for (const m of text.matchAll(/\bt\(\s*"((?:[^"\\]|\\.)*)"/g)) used.add(JSON.parse(`"${m[1]}"`));
  }
  assert.ok(used.size >= 10);
  assert.deepEqual([...used].filter((m) => !(m in zh)), []);
  assert.deepEqual(Object.keys(zh).filter((m) => !used.has(m)), []);
});

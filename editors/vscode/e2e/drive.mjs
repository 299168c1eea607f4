// Drive code-server from Debian's Chromium: open the draft, wait for nianbao's diagnostics in the
// Problems panel, apply the quick fix, check the text and the panel, save screenshots.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH, "x.js"));
const { chromium } = require("playwright-core");
const [url, shots, fileName] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const result = { ok: false };
try {
  await page.goto(url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
  log("workbench loaded");
  // Open the draft with Quick Open.
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 20000 });
  await page.keyboard.type(fileName);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: ".txt" }).first().click({ timeout: 20000 });
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 20000 });
  log("draft opened");
  // Problems panel.
  await page.keyboard.press("Control+Shift+M");
  const problem = page.locator(".markers-panel .monaco-list-row", { hasText: "NB502" });
  await problem.first().waitFor({ timeout: 90000 });
  result.problemsBefore = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
  log(`problems: ${result.problemsBefore.length}`);
  await page.screenshot({ path: path.join(shots, "1-problems.png") });
  // Jump to the finding and open the quick-fix menu.
  await problem.first().click();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  await page.keyboard.press("Control+.");
  const fix = page.locator(".action-widget .monaco-list-row", { hasText: "国家秘密" });
  await fix.first().waitFor({ timeout: 20000 });
  result.actions = await page.locator(".action-widget .monaco-list-row").allInnerTexts();
  await page.screenshot({ path: path.join(shots, "2-quick-fix.png") });
  await fix.first().click();
  log("quick fix applied");
  await page.locator(".monaco-editor .view-lines", { hasText: "1.属于国家秘密" }).first().waitFor({ timeout: 20000 });
  await page.locator(".markers-panel .monaco-list-row", { hasText: "NB502" }).first().waitFor({ state: "detached", timeout: 30000 });
  result.problemsAfter = await page.locator(".markers-panel .monaco-list-row").allInnerTexts();
  result.statusBar = await page.locator(".statusbar-item", { hasText: "nianbao" }).allInnerTexts();
  await page.screenshot({ path: path.join(shots, "3-after-fix.png") });
  result.ok = true;
  log("NB502 gone from the Problems panel");
} catch (error) {
  result.error = String(error);
  await page.screenshot({ path: path.join(shots, "failure.png") }).catch(() => {});
} finally {
  writeFileSync(path.join(shots, "result.json"), JSON.stringify(result, null, 2));
  await browser.close();
}
console.log(JSON.stringify(result, null, 2));
process.exit(result.ok ? 0 : 1);

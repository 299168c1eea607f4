import assert from "node:assert/strict";
import { test } from "node:test";
import { findOnPath, resolveServer } from "../src/server";

const executables = new Set(["/opt/tools/nianbao", "/usr/bin/nianbao", "/custom/nianbao"]);
const isExecutable = (file: string) => executables.has(file);
const base = {
  configuredPath: "",
  extraArgs: [],
  trusted: true,
  envPath: "/usr/local/bin:/opt/tools:/usr/bin",
  platform: "linux" as NodeJS.Platform,
  isExecutable,
};

test("the setting wins in a trusted workspace", () => {
  const found = resolveServer({ ...base, configuredPath: "/custom/nianbao", extraArgs: ["--tcp", "x"] });
  assert.deepEqual(found, { command: "/custom/nianbao", args: ["lsp", "--tcp", "x"], source: "setting" });
});

test("an untrusted workspace never runs the configured path", () => {
  const found = resolveServer({ ...base, configuredPath: "/custom/nianbao", trusted: false });
  assert.equal(found?.source, "path");
  assert.equal(found?.command, "/opt/tools/nianbao");
});

test("the selected interpreter comes before PATH, if it has nianbao", () => {
  const found = resolveServer({ ...base, interpreter: "/venv/bin/python", interpreterHasNianbao: true });
  assert.deepEqual(found, { command: "/venv/bin/python", args: ["-m", "nianbao", "lsp"], source: "interpreter" });
  const without = resolveServer({ ...base, interpreter: "/venv/bin/python", interpreterHasNianbao: false });
  assert.equal(without?.source, "path");
});

test("PATH is searched in order; nothing found is undefined", () => {
  assert.equal(findOnPath("/a:/usr/bin:/opt/tools", "linux", isExecutable), "/usr/bin/nianbao");
  assert.equal(resolveServer({ ...base, envPath: "/nowhere" }), undefined);
  const win = findOnPath("C:\\tools;D:\\bin", "win32", (f) => f.endsWith("D:\\bin/nianbao.exe") || f === "D:\\bin\\nianbao.exe");
  assert.ok(win?.includes("nianbao.exe"));
});

test("a configured path that does not exist falls through", () => {
  assert.equal(resolveServer({ ...base, configuredPath: "/missing/nianbao" })?.source, "path");
});

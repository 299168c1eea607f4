import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { canImportNianbao, findIn, pipxBinDir, resolveServer } from "../src/server";

const executables = new Set([
  "/opt/tools/nianbao",
  "/usr/bin/nianbao",
  "/custom/nianbao",
  "/home/u/.local/bin/nianbao",
  "/work/ws/.venv/bin/nianbao",
  "/usr/local/bin/nianbao",
]);
const isExecutable = (file: string) => executables.has(file);
const base = {
  extensionPath: "/ext",
  configuredPath: "",
  extraArgs: [],
  trusted: true,
  envPath: "/usr/local/sbin:/opt/tools:/usr/bin",
  platform: "linux" as NodeJS.Platform,
  isExecutable,
};

test("the setting wins in a trusted workspace", () => {
  const found = resolveServer({ ...base, configuredPath: "/custom/nianbao", extraArgs: ["--tcp", "x"] });
  assert.deepEqual(found, { command: "/custom/nianbao", args: ["lsp", "--tcp", "x"], source: "setting", cwd: "/ext" });
});

test("an untrusted workspace never runs the configured path nor the workspace's .venv", () => {
  const found = resolveServer({ ...base, configuredPath: "/custom/nianbao", workspaceFolders: ["/work/ws"], trusted: false });
  assert.deepEqual([found?.source, found?.command], ["path", "/opt/tools/nianbao"]);
});

test("the selected interpreter comes first, if it has nianbao", () => {
  const found = resolveServer({ ...base, interpreter: "/venv/bin/python", interpreterHasNianbao: true, workspaceFolders: ["/work/ws"] });
  assert.deepEqual(found, { command: "/venv/bin/python", args: ["-m", "nianbao", "lsp"], source: "interpreter", cwd: "/ext" });
  const without = resolveServer({ ...base, interpreter: "/venv/bin/python", interpreterHasNianbao: false });
  assert.equal(without?.source, "path");
});

test("lookup order without a setting: interpreter, workspace .venv (trusted), PATH, pipx, common folders", () => {
  const all = { ...base, workspaceFolders: ["/work/ws"], home: "/home/u" };
  assert.deepEqual(resolveServer(all), { command: "/work/ws/.venv/bin/nianbao", args: ["lsp"], source: "workspace", cwd: "/ext" });
  assert.equal(resolveServer({ ...all, workspaceFolders: [] })?.command, "/opt/tools/nianbao");
  // a GUI-started editor: the login shell's PATH lacks the user's folders
  const bare = { ...all, workspaceFolders: [], envPath: "/bin" };
  assert.deepEqual(resolveServer(bare), { command: "/home/u/.local/bin/nianbao", args: ["lsp"], source: "pipx", cwd: "/ext" });
  assert.deepEqual(resolveServer({ ...bare, home: "/nobody" })?.source, "common");
  assert.equal(resolveServer({ ...bare, home: "/nobody", isExecutable: () => false }), undefined);
});

test("pipx's folder honours PIPX_BIN_DIR", () => {
  assert.deepEqual(pipxBinDir("/home/u", undefined, "linux"), ["/home/u/.local/bin"]);
  assert.deepEqual(pipxBinDir("/home/u", "/opt/pipx/bin", "linux"), ["/opt/pipx/bin"]);
  assert.deepEqual(pipxBinDir("C:\\Users\\u", undefined, "win32"), ["C:\\Users\\u\\.local\\bin"]);
});

test("folders are searched in order, with Windows' executable names", () => {
  assert.equal(findIn(["/a", "/usr/bin", "/opt/tools"], "linux", isExecutable), "/usr/bin/nianbao");
  assert.equal(findIn(["C:\\tools", "D:\\bin"], "win32", (f) => f === "D:\\bin\\nianbao.exe"), "D:\\bin\\nianbao.exe");
  const win = resolveServer({ ...base, platform: "win32", envPath: "C:\\x", workspaceFolders: ["C:\\ws"], isExecutable: (f) => f === "C:\\ws\\.venv\\Scripts\\nianbao.exe" });
  assert.equal(win?.source, "workspace");
});

test("a configured path that does not exist falls through", () => {
  assert.equal(resolveServer({ ...base, configuredPath: "/missing/nianbao" })?.source, "path");
});

function python(): string | undefined {
  for (const candidate of ["python3", "python"]) {
    try {
      execFileSync(candidate, ["-c", "pass"]);
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

test("probing the interpreter never imports from the workspace", { skip: !python() }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-probe-"));
  const ws = path.join(tmp, "workspace");
  const ext = path.join(tmp, "extension");
  const marker = path.join(tmp, "ran");
  fs.mkdirSync(path.join(ws, "nianbao"), { recursive: true });
  fs.mkdirSync(ext);
  fs.writeFileSync(path.join(ws, "nianbao", "__init__.py"), `open(${JSON.stringify(marker)}, "w").write("ran")\n`);
  const cwd = process.cwd();
  process.chdir(ws); // the extension host may well run in the workspace
  try {
    await canImportNianbao(python()!, ext);
    assert.equal(fs.existsSync(marker), false);
    await canImportNianbao(python()!, ws); // the same probe from the workspace runs its code
    assert.equal(fs.existsSync(marker), true);
  } finally {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

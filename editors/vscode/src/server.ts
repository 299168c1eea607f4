// Which `nianbao lsp` to start, and from where: pure logic (node only), unit-tested without VS Code.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export type Source = "setting" | "interpreter" | "workspace" | "path" | "pipx" | "common";

export interface ServerCommand {
  command: string;
  args: string[];
  source: Source;
  /**
   * The working directory to start it in: the extension's own folder, never the workspace, so that
   * nothing there can be imported — `python -m` puts the working directory first on the import
   * path, and a folder named `nianbao/` there would shadow the package before nianbao's own code
   * could drop it.
   */
  cwd: string;
}

export interface ResolveInputs {
  /** The extension's folder (holds no Python): where the server starts. */
  extensionPath: string;
  /** The nianbao.path setting ("" when unset). */
  configuredPath: string;
  /** Extra arguments (nianbao.args). */
  extraArgs: string[];
  /** Workspace Trust: an untrusted workspace must not run an executable its settings or folders name. */
  trusted: boolean;
  /** The selected Python interpreter, if the Python extension reports one. */
  interpreter?: string;
  /** Whether that interpreter can import nianbao (checked by the caller with `canImportNianbao`). */
  interpreterHasNianbao?: boolean;
  /** The workspace folders' paths (their `.venv` is looked at only when trusted). */
  workspaceFolders?: string[];
  /** The extension host's PATH (on Linux and macOS, the login shell's, not the terminal's that started the editor). */
  envPath: string;
  /** The home directory, and PIPX_BIN_DIR if set: pipx puts its commands there. */
  home?: string;
  pipxBinDir?: string;
  platform: NodeJS.Platform;
  /** For tests: whether a file exists and is executable. */
  isExecutable?: (file: string) => boolean;
}

export function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function executableNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["nianbao.exe", "nianbao.cmd", "nianbao.bat"] : ["nianbao"];
}

/** The first `nianbao` executable in *dirs*, or undefined. */
export function findIn(dirs: string[], platform: NodeJS.Platform, isExecutable = isExecutableFile): string | undefined {
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  for (const dir of dirs) {
    if (!dir) continue;
    for (const name of executableNames(platform)) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Where pipx installs commands: PIPX_BIN_DIR, else ~/.local/bin (on every platform). */
export function pipxBinDir(home: string | undefined, pipxBin: string | undefined, platform: NodeJS.Platform): string[] {
  if (pipxBin) return [pipxBin];
  if (!home) return [];
  return [(platform === "win32" ? path.win32.join : path.posix.join)(home, ".local", "bin")];
}

/** Folders a user's `nianbao` often lives in that a GUI-started editor's PATH may lack. */
export function commonDirs(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? [] : ["/usr/local/bin", "/opt/homebrew/bin"];
}

/** A workspace's virtual environment folder holding executables. */
function venvBin(folder: string, platform: NodeJS.Platform): string {
  return platform === "win32" ? path.win32.join(folder, ".venv", "Scripts") : path.posix.join(folder, ".venv", "bin");
}

/**
 * In order: the nianbao.path setting (trusted workspaces only), the selected Python interpreter's
 * environment (`python -m nianbao lsp`), a `.venv` in a workspace folder (trusted only), `nianbao`
 * on the extension host's PATH, pipx's folder, then common install folders. Undefined when none is
 * usable.
 */
export function resolveServer(inputs: ResolveInputs): ServerCommand | undefined {
  const isExecutable = inputs.isExecutable ?? isExecutableFile;
  const extra = inputs.extraArgs.filter((a) => typeof a === "string");
  const lsp = ["lsp", ...extra];
  const cwd = inputs.extensionPath;
  if (inputs.configuredPath && inputs.trusted && isExecutable(inputs.configuredPath)) {
    return { command: inputs.configuredPath, args: lsp, source: "setting", cwd };
  }
  if (inputs.interpreter && inputs.interpreterHasNianbao) {
    return { command: inputs.interpreter, args: ["-m", "nianbao", ...lsp], source: "interpreter", cwd };
  }
  const places: [Source, string[]][] = [
    ["workspace", inputs.trusted ? (inputs.workspaceFolders ?? []).map((f) => venvBin(f, inputs.platform)) : []],
    ["path", inputs.envPath.split(inputs.platform === "win32" ? ";" : ":")],
    ["pipx", pipxBinDir(inputs.home, inputs.pipxBinDir, inputs.platform)],
    ["common", commonDirs(inputs.platform)],
  ];
  for (const [source, dirs] of places) {
    const found = findIn(dirs, inputs.platform, isExecutable);
    if (found) return { command: found, args: lsp, source, cwd };
  }
  return undefined;
}

/** Whether *python* can import nianbao, asked from *cwd* (the extension's folder: `python -c` too
 * puts the working directory first on the import path). */
export function canImportNianbao(python: string, cwd: string, timeoutMs = 10000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ["-c", "import nianbao.cli"], { timeout: timeoutMs, cwd }, (error) => resolve(!error));
  });
}

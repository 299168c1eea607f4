// Which `nianbao lsp` to start: pure logic, unit-tested without VS Code.
import * as fs from "node:fs";
import * as path from "node:path";

export interface ServerCommand {
  command: string;
  args: string[];
  source: "setting" | "interpreter" | "path";
}

export interface ResolveInputs {
  /** The nianbao.path setting ("" when unset). */
  configuredPath: string;
  /** Extra arguments (nianbao.args). */
  extraArgs: string[];
  /** Workspace Trust: an untrusted workspace must not run an executable its settings name. */
  trusted: boolean;
  /** The selected Python interpreter, if the Python extension reports one. */
  interpreter?: string;
  /** Whether that interpreter can import nianbao (checked by the caller). */
  interpreterHasNianbao?: boolean;
  /** PATH, and the platform's executable suffixes. */
  envPath: string;
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

/** The first `nianbao` executable on PATH, or undefined. */
export function findOnPath(envPath: string, platform: NodeJS.Platform, isExecutable = isExecutableFile): string | undefined {
  const names = platform === "win32" ? ["nianbao.exe", "nianbao.cmd", "nianbao.bat"] : ["nianbao"];
  const sep = platform === "win32" ? ";" : ":";
  for (const dir of envPath.split(sep)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * In order: the nianbao.path setting (trusted workspaces only), the selected Python interpreter's
 * environment (`python -m nianbao lsp`), then `nianbao` on PATH. Undefined when none is usable.
 */
export function resolveServer(inputs: ResolveInputs): ServerCommand | undefined {
  const isExecutable = inputs.isExecutable ?? isExecutableFile;
  const extra = inputs.extraArgs.filter((a) => typeof a === "string");
  if (inputs.configuredPath && inputs.trusted && isExecutable(inputs.configuredPath)) {
    return { command: inputs.configuredPath, args: ["lsp", ...extra], source: "setting" };
  }
  if (inputs.interpreter && inputs.interpreterHasNianbao) {
    return { command: inputs.interpreter, args: ["-m", "nianbao", "lsp", ...extra], source: "interpreter" };
  }
  const onPath = findOnPath(inputs.envPath, inputs.platform, isExecutable);
  if (onPath) {
    return { command: onPath, args: ["lsp", ...extra], source: "path" };
  }
  return undefined;
}

// Which documents are drafts: names matching nianbao.include, or files in a folder (or below one)
// that has a nianbao.toml. Pure logic, unit-tested without VS Code.

/** A glob (`*`, `**`, `?`, `{a,b}`) as a regular expression over "/"-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else {
        out += "[^/]*";
      }
    } else if (ch === "?") {
      out += "[^/]";
    } else if (ch === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) {
        out += "\\{";
        continue;
      }
      out += "(?:" + glob.slice(i + 1, end).split(",").map(escape).join("|") + ")";
      i = end;
    } else {
      out += escape(ch);
    }
  }
  return new RegExp("^" + out + "$");
}

function escape(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

function normalise(p: string): string {
  return p.replace(/\\/g, "/");
}

/** Whether the file at *fsPath* is a draft nianbao should check. */
export function isDraft(fsPath: string, include: string[], configDirs: string[]): boolean {
  const file = normalise(fsPath);
  if (!/\.(txt|md|markdown)$/i.test(file)) return false;
  if (include.some((glob) => globToRegExp(normalise(glob)).test(file) || globToRegExp("**/" + normalise(glob)).test(file))) {
    return true;
  }
  return configDirs.map(normalise).some((dir) => file.startsWith(dir.endsWith("/") ? dir : dir + "/"));
}

export interface Filter {
  scheme: string;
  language: string;
  pattern: string;
}

/** The document selector for the language client: plain-text and Markdown files, by glob. */
export function documentSelector(include: string[], configDirs: string[]): Filter[] {
  const patterns = [...include, ...configDirs.map((dir) => normalise(dir).replace(/\/$/, "") + "/**")];
  return ["plaintext", "markdown"].flatMap((language) => patterns.map((pattern) => ({ scheme: "file", language, pattern })));
}

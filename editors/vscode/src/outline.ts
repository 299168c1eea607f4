// The report outline in Markdown drafts: VS Code already outlines Markdown headings, so nianbao's
// outline there keeps only what the built-in one lacks — the tables, sections and items written as
// plain lines ("一、总体情况" without "#"), the signature — instead of listing every heading twice.
// Plain-text drafts keep the whole outline. Pure logic, unit-tested without VS Code.

export interface OutlineSymbol<T> {
  range: { start: { line: number } };
  children?: T[];
}

/** Whether line *line* is a Markdown heading: ATX (`# …`) or setext (the next line is `===`/`---`). */
export function isMarkdownHeading(lineText: (line: number) => string | undefined, line: number): boolean {
  if (/^ {0,3}#{1,6}(\s|$)/.test(lineText(line) ?? "")) return true;
  const next = lineText(line + 1);
  return next !== undefined && (lineText(line) ?? "").trim() !== "" && /^ {0,3}(=+|-+)\s*$/.test(next);
}

/**
 * *symbols* without the ones that are Markdown headings; a dropped symbol's children take its
 * place (a table of a "## 三、…" section stays, at the top level).
 */
export function markdownOutline<T extends OutlineSymbol<T>>(symbols: T[], lineText: (line: number) => string | undefined): T[] {
  const out: T[] = [];
  for (const symbol of symbols) {
    const children = symbol.children ? markdownOutline(symbol.children, lineText) : [];
    if (isMarkdownHeading(lineText, symbol.range.start.line)) {
      out.push(...children);
    } else {
      symbol.children = children;
      out.push(symbol);
    }
  }
  return out;
}

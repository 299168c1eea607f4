// The status bar's words. Pure logic (the translator is passed in), unit-tested without VS Code.

export type Translate = (message: string, ...args: (string | number)[]) => string;

/** The tooltip for *count* findings in open drafts, with the right English plural (and its Chinese). */
export function findingsTooltip(count: number, t: Translate): string {
  if (count === 0) return t("nianbao: no findings");
  if (count === 1) return t("nianbao: 1 finding in open drafts");
  return t("nianbao: {0} findings in open drafts", count);
}

/** A step number at the start or after the end of a sentence: "1. ", "2、", "3）". */
const MARKER = /(?:^|(?<=[；;。.!?！？\n]\s*))(\d{1,2})[.、．)）]\s*/gu;

/**
 * A procedure written as numbered steps ("1. 核验身份；2. 提交申请" or one step per line) as a
 * list of steps without their numbers; null when the text is not numbered 1, 2, 3 … from the start.
 */
export function procedureSteps(text: string): string[] | null {
  const source = text.trim();
  const markers = [...source.matchAll(MARKER)];
  if (markers.length < 2 || markers[0]?.index !== 0) return null;
  if (markers.some((m, i) => Number(m[1]) !== i + 1)) return null;
  return markers.map((m, i) => {
    const start = m.index + m[0].length;
    const end = markers[i + 1]?.index ?? source.length;
    return source
      .slice(start, end)
      .trim()
      .replace(/[；;]$/u, '')
      .trim();
  });
}

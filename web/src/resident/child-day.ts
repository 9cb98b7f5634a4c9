/** Pure helpers of the guardian's class-day pages (CP-3). */

/** The child the address names (`?child=<id>`) when it is one of mine, else the first of mine. */
export function chosenChild(search: string, ids: readonly string[]): string | null {
  const wanted = new URLSearchParams(search).get('child');
  return wanted && ids.includes(wanted) ? wanted : (ids[0] ?? null);
}

/** A pickup code as shown: its tag (the first characters, on the child's badge) and the rest. */
export function splitPickupCode(code: string, tag: string): { tag: string; rest: string } {
  return tag && code.startsWith(tag)
    ? { tag, rest: code.slice(tag.length) }
    : { tag: '', rest: code };
}

/** How a screen reader says a code: one character at a time. */
export function spokenCode(code: string): string {
  return code.split('').join(' ');
}

/** Reads a PDF's text back through its fonts' ToUnicode maps (copied from documents.test.ts). */
import zlib from 'node:zlib';

/** Every object's dictionary and (inflated) stream, read by /Length so binary data is skipped. */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(src); m; m = head.exec(src)) {
    const from = m.index + m[0].length;
    const streamAt = src.indexOf('stream', from);
    const endAt = src.indexOf('endobj', from);
    if (streamAt < 0 || endAt < streamAt) {
      objects.set(Number(m[1]), { dict: src.slice(from, endAt), stream: null });
      head.lastIndex = endAt;
      continue;
    }
    const dict = src.slice(from, streamAt);
    const start = streamAt + (src[streamAt + 6] === '\r' ? 8 : 7);
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)![1]));
    objects.set(Number(m[1]), {
      dict,
      stream: dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw,
    });
    head.lastIndex = start + raw.length;
  }
  return objects;
}

/** glyph code → text, from a ToUnicode CMap (bfchar and both bfrange forms). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) =>
    String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, c, u] of body!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(parseInt(c!, 16), hex(u!));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body!.matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi,
    )) {
      const first = parseInt(lo!, 16);
      if (rest!.startsWith('['))
        [...rest!.matchAll(/<([0-9a-f]+)>/gi)].forEach(([, u], i) => map.set(first + i, hex(u!)));
      else
        for (let c = first, u = parseInt(rest!.slice(1, -1), 16); c <= parseInt(hi!, 16); c++, u++)
          map.set(c, String.fromCodePoint(u));
    }
  }
  return map;
}

/** The text of every TJ/Tj operator, one line each, decoded through the current font's map. */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values())
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
      if (cmapRef)
        fonts.set(name!, toUnicode(objects.get(Number(cmapRef[1]))!.stream!.toString('latin1')));
    }
  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || dict.includes('/Subtype') || dict.includes('/Type')) continue; // page contents only
    let font = new Map<number, string>();
    for (const [, name, strings] of stream
      .toString('latin1')
      .matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/gi)) {
      if (name) font = fonts.get(name) ?? new Map<number, string>();
      else
        lines.push(
          [...strings!.matchAll(/<([0-9a-f]*)>/gi)]
            .map(([, h]) =>
              (h!.match(/.{4}/g) ?? []).map((c) => font.get(parseInt(c, 16)) ?? '?').join(''),
            )
            .join(''),
        );
    }
  }
  return lines.join('\n');
}

/**
 * The CJK font official papers are printed with. Without one, pdfkit would print empty boxes for
 * every Chinese character, so documents are refused instead (DOCUMENT_FONT_MISSING).
 *
 * `DOORSTEP_CJK_FONT=/path/font.ttc[#PostScriptName]` names the font; when it is set nothing
 * else is tried. A collection (.ttc) without a name means `NotoSansCJKsc-Regular`. Otherwise the
 * Debian packages fonts-noto-cjk and fonts-wqy-microhei / -zenhei are looked for.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

export interface FontFace {
  src: string;
  /** The PostScript name of the face inside a collection (.ttc). */
  family?: string | undefined;
}

export interface CjkFont {
  regular: FontFace;
  /** Headings; the regular face again when the font has no bold file. */
  bold: FontFace;
}

/** What pdfkit needs of a parsed fontkit font (pdfkit embeds a subset of it per document). */
interface FontkitFont {
  layout(text: string): unknown;
}

/** The fontkit that pdfkit itself uses, so the parsed font is the kind pdfkit expects. */
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as {
  create(data: Uint8Array, postscriptName?: string): FontkitFont | null;
};

const parsed = new Map<string, FontkitFont>();

/**
 * The face parsed once per process (per PDF worker): reading and parsing the 20 MB collection is
 * what printing used to pay on every document (issue #10 point 17). pdfkit accepts a parsed
 * fontkit font as a source (PDFFontFactory.open checks for `layout`) and subsets it per document.
 */
export function loadFace(face: FontFace): FontkitFont {
  const key = `${face.src}#${face.family ?? ''}`;
  let font = parsed.get(key);
  if (!font) {
    const created = fontkit.create(fs.readFileSync(face.src), face.family);
    if (!created || typeof created.layout !== 'function')
      throw new Error(`${face.src} holds no face ${face.family ?? ''}`);
    font = created;
    parsed.set(key, font);
  }
  return font;
}

/** Registers the regular and bold faces under the names the drawing blocks use. */
export function registerCjkFonts(
  doc: PDFKit.PDFDocument,
  font: CjkFont,
  names: { body: string; bold: string },
): void {
  // pdfkit's types list only files and bytes; at runtime it takes the parsed font as it is.
  doc.registerFont(names.body, loadFace(font.regular) as unknown as Buffer);
  doc.registerFont(names.bold, loadFace(font.bold) as unknown as Buffer);
}

const NOTO = '/usr/share/fonts/opentype/noto';
/**
 * One face prints body and headings (headings are set larger): the bold collection is another
 * 20 MB file parsed and held by every PDF worker, which kept a town server above its 256 MB
 * budget while printing (issue #10 point 17). A deployment with memory to spare may still list
 * a bold face here.
 */
export const DEBIAN_CJK_FONTS: readonly { regular: FontFace; bold?: FontFace }[] = [
  {
    regular: { src: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' },
  },
  {
    regular: { src: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  },
  { regular: { src: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' } },
];

/** `/f.ttc#Name` → { src, family }; a bare collection gets Noto Sans CJK SC's name. */
export function parseFontSetting(value: string): FontFace {
  const hash = value.lastIndexOf('#');
  const src = hash > 0 ? value.slice(0, hash) : value;
  const named = hash > 0 ? value.slice(hash + 1).trim() : '';
  if (named) return { src, family: named };
  return /\.ttc$/i.test(src) ? { src, family: 'NotoSansCJKsc-Regular' } : { src };
}

const loadable = new Set<string>();

/** Whether pdfkit can open the face (the file exists and holds that PostScript name). */
function canLoad(face: FontFace): boolean {
  const key = `${face.src}#${face.family ?? ''}`;
  if (loadable.has(key)) return true;
  if (!fs.existsSync(face.src)) return false;
  try {
    loadFace(face);
    loadable.add(key);
    return true;
  } catch {
    return false;
  }
}

export function locateCjkFont(
  env: NodeJS.ProcessEnv = process.env,
  candidates = DEBIAN_CJK_FONTS,
): CjkFont | null {
  const setting = env.DOORSTEP_CJK_FONT?.trim();
  if (setting) {
    const face = parseFontSetting(setting);
    return canLoad(face) ? { regular: face, bold: face } : null;
  }
  for (const c of candidates) {
    if (!canLoad(c.regular)) continue;
    return { regular: c.regular, bold: c.bold && canLoad(c.bold) ? c.bold : c.regular };
  }
  return null;
}

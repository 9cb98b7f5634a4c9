/**
 * The CJK font official papers are printed with. Without one, pdfkit would print empty boxes for
 * every Chinese character, so documents are refused instead (DOCUMENT_FONT_MISSING).
 *
 * `DOORSTEP_CJK_FONT=/path/font.ttc[#PostScriptName]` names the font; when it is set nothing
 * else is tried. A collection (.ttc) without a name means `NotoSansCJKsc-Regular`. Otherwise the
 * Debian packages fonts-noto-cjk and fonts-wqy-microhei / -zenhei are looked for.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';

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

/** A face with its file read once per process (pdfkit would read the ~20 MB file per document). */
export interface LoadedFace {
  data: Buffer;
  family?: string | undefined;
}

const files = new Map<string, Buffer>();

export function loadFace(face: FontFace): LoadedFace {
  let data = files.get(face.src);
  if (!data) {
    data = fs.readFileSync(face.src);
    files.set(face.src, data);
  }
  return { data, family: face.family };
}

const NOTO = '/usr/share/fonts/opentype/noto';
export const DEBIAN_CJK_FONTS: readonly { regular: FontFace; bold?: FontFace }[] = [
  {
    regular: { src: `${NOTO}/NotoSansCJK-Regular.ttc`, family: 'NotoSansCJKsc-Regular' },
    bold: { src: `${NOTO}/NotoSansCJK-Bold.ttc`, family: 'NotoSansCJKsc-Bold' },
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
    const probe = new PDFDocument({ autoFirstPage: false });
    if (face.family) probe.font(face.src, face.family);
    else probe.font(face.src);
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

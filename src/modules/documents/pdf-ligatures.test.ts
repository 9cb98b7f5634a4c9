import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/integration/records.pdf-text.ts';
import { DEBIAN_CJK_FONTS, locateCjkFont } from './pdf-font.ts';
import { renderPdf } from './pdf-layout.ts';

const noto = DEBIAN_CJK_FONTS[0]!.regular;

describe('GS-9 VS-9 printed numbers read back as printed (no ligatures)', () => {
  // Noto Sans CJK joins "ff", "fi", "fl" into one glyph, and the subset's ToUnicode then gave it
  // back as another character: a certificate's volunteer number "…4dff" read back as "…4d于".
  it.skipIf(!fs.existsSync(noto.src))(
    'every code with ff / fi / fl survives a read-back',
    async () => {
      const font = locateCjkFont({})!;
      const codes = ['Vmx9ljio33g4dff', 'office fluffy affix', '志愿者编号：Xfi2flffi'];
      const pdf = await renderPdf(
        {
          title: 'ligatures',
          number: 'T-1',
          author: 'test',
          now: new Date('2026-12-04T00:00:00Z'),
          font,
        },
        (doc) => {
          doc.font('cjk');
          for (const code of codes) doc.text(code);
          doc.text(codes[0]!, 100, 600, { width: 300 });
        },
      );
      const text = pdfText(pdf);
      for (const code of codes) expect(text).toContain(code);
    },
  );
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEBIAN_CJK_FONTS, loadFace, locateCjkFont, parseFontSetting } from './pdf-font.ts';

describe('GS-9 finding the CJK font', () => {
  it('reads DOORSTEP_CJK_FONT as a path with an optional PostScript name', () => {
    expect(parseFontSetting('/f/wqy-microhei.ttc#WenQuanYiMicroHei')).toEqual({
      src: '/f/wqy-microhei.ttc',
      family: 'WenQuanYiMicroHei',
    });
    expect(parseFontSetting('/f/NotoSansCJK-Regular.ttc')).toEqual({
      src: '/f/NotoSansCJK-Regular.ttc',
      family: 'NotoSansCJKsc-Regular',
    });
    expect(parseFontSetting('/f/SourceHanSansSC-Regular.otf')).toEqual({
      src: '/f/SourceHanSansSC-Regular.otf',
    });
  });

  it('finds nothing rather than falling back when the named font is missing', () => {
    expect(locateCjkFont({ DOORSTEP_CJK_FONT: '/nonexistent/font.ttc' })).toBeNull();
  });

  it('finds nothing when no candidate exists', () => {
    expect(locateCjkFont({}, [{ regular: { src: '/nonexistent/a.ttc', family: 'A' } }])).toBeNull();
  });

  const noto = DEBIAN_CJK_FONTS[0]!.regular;
  it.skipIf(!fs.existsSync(noto.src))(
    'parses the 20 MB collection once per process, not once per document',
    () => {
      const first = loadFace(noto);
      expect(loadFace({ ...noto })).toBe(first);
      expect(typeof first.layout).toBe('function');
    },
  );
});

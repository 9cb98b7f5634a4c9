import type { ThemeConfig } from 'antd';

/**
 * antd draws a coloured tag's text in shade 7 of its palette on shade 1: 2.0–3.4:1 for green,
 * orange, gold, lime, cyan… Shade 9 on shade 1 reaches ≥ 5.1:1 (WCAG AA, 4.5:1) for every preset
 * colour, shade 10 ≥ 8.5:1 (elderly mode, 7:1).
 */
const PRESET_SHADES: Record<string, readonly [nine: string, ten: string]> = {
  red: ['#820014', '#5c0011'],
  volcano: ['#871400', '#610b00'],
  orange: ['#873800', '#612500'],
  gold: ['#874d00', '#613400'],
  yellow: ['#876800', '#614700'],
  lime: ['#3f6600', '#254000'],
  green: ['#135200', '#092b00'],
  cyan: ['#00474f', '#002329'],
  blue: ['#002c8c', '#001d66'],
  geekblue: ['#061178', '#030852'],
  purple: ['#22075e', '#120338'],
  magenta: ['#780650', '#520339'],
};

function tagTextShades(shade: 9 | 10): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PRESET_SHADES).map(([name, shades]) => [
      `${name}7`,
      shade === 9 ? shades[0] : shades[1],
    ]),
  );
}

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** Everyday look: compact enough for a clerk's whole working day. */
const standard: ThemeConfig = {
  token: {
    colorPrimary: '#1554b8',
    colorLink: '#1554b8',
    colorText: '#1f2329',
    colorTextSecondary: '#4e5562',
    // Help text, descriptions and labels ≥ 6.2:1 on the page grey; placeholders ≥ 4.5:1.
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextQuaternary: '#6b6b6b',
    colorTextPlaceholder: '#6b6b6b',
    // Status colours as text on their light backgrounds (tags, alerts, danger buttons) ≥ 4.5:1.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorError: '#b3141b',
    colorErrorBg: '#fff1f0',
    colorInfo: '#1554b8',
    ...tagTextShades(9),
    fontFamily: FONT_FAMILY,
    fontSize: 16,
    controlHeight: 40,
    controlHeightLG: 48,
    borderRadius: 8,
  },
};

/**
 * 适老化 / elderly mode: base type 20px, tall controls, dark text on white, a strong primary
 * colour and thicker borders. The CSS class `elderly` on <body> does the rest (focus rings,
 * line height, the app's own components).
 */
const elderly: ThemeConfig = {
  token: {
    colorPrimary: '#0b3d91',
    colorLink: '#0b3d91',
    colorText: '#000000',
    colorTextSecondary: '#222222',
    colorTextTertiary: '#333333',
    colorTextDescription: '#222222',
    colorTextQuaternary: '#555555',
    colorTextPlaceholder: '#555555',
    colorBorder: '#4a4a4a',
    // Text ≥ 7:1 on the light status backgrounds.
    colorError: '#820014',
    colorErrorBg: '#fff1f0',
    colorSuccess: '#135200',
    colorSuccessBg: '#f6ffed',
    colorWarning: '#873800',
    colorWarningBg: '#fff7e6',
    colorInfo: '#0b3d91',
    // antd derives the info background from colorInfo: #bcc7d1 for this dark blue, on which a link
    // in an info alert (#0b3d91) reaches only 5.8:1. A light blue keeps it at 8.7:1.
    colorInfoBg: '#e6effc',
    colorInfoBorder: '#7aa2e3',
    ...tagTextShades(10),
    fontFamily: FONT_FAMILY,
    fontSize: 20,
    fontSizeLG: 22,
    fontSizeSM: 18,
    fontSizeHeading1: 36,
    fontSizeHeading2: 30,
    fontSizeHeading3: 26,
    fontSizeHeading4: 23,
    fontSizeHeading5: 21,
    lineHeight: 1.6,
    controlHeight: 52,
    controlHeightLG: 60,
    controlHeightSM: 40,
    lineWidth: 2,
    borderRadius: 8,
  },
  components: {
    Button: { fontWeight: 600 },
    Switch: { trackHeight: 32, trackMinWidth: 64, handleSize: 28 },
  },
};

/**
 * The look for the person's settings. Where the device asks for reduced motion (WCAG 2.3.3),
 * antd's animations are off: no sliding drawers, no help text fading in at 1:1 contrast.
 */
export function themeFor(elderlyMode: boolean, reducedMotion = false): ThemeConfig {
  const theme = elderlyMode ? elderly : standard;
  return reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;
}

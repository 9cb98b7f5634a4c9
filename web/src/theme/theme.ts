import type { ThemeConfig } from 'antd';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** Everyday look: compact enough for a clerk's whole working day. */
const standard: ThemeConfig = {
  token: {
    colorPrimary: '#1554b8',
    colorLink: '#1554b8',
    colorText: '#1f2329',
    colorTextSecondary: '#4e5562',
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
    colorTextPlaceholder: '#555555',
    colorBorder: '#4a4a4a',
    colorError: '#b00020',
    colorSuccess: '#1b6e20',
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

export function themeFor(elderlyMode: boolean): ThemeConfig {
  return elderlyMode ? elderly : standard;
}

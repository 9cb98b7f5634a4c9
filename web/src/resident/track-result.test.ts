import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LocaleContext, translator } from './i18n';
import { TrackResult, type LightTrackView } from './TrackResult';

const VIEW: LightTrackView = {
  number: '20261204-00001',
  item: { zh: '社会保障卡补办', en: 'Social security card replacement' },
  state: 'awaiting_supplement',
  station: '伊庄村政务服务站',
  dueDate: '2027-01-08',
  dueDateProvisional: true,
  provisionalYears: [2027],
  missing: [{ zh: '近期一寸免冠彩色照片', en: 'Recent one-inch colour photo' }],
  result: null,
  townStations: [
    {
      name: '三顺庄村政务服务站',
      address: '魏善庄镇三顺庄村委会一层',
      phone: '010-8927 0000',
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }],
    },
  ],
};

const render = (view: LightTrackView, locale: 'zh-CN' | 'en') =>
  renderToStaticMarkup(
    createElement(
      LocaleContext.Provider,
      { value: { locale, t: translator(locale) } },
      createElement(TrackResult, { view }),
    ),
  );

describe('X-7 GS-9 TrackResult on the light entry', () => {
  it('names the stations where the missing papers can be brought, with address, phone and hours', () => {
    const html = render(VIEW, 'zh-CN');
    expect(html).toContain('可以到这些服务站补交');
    expect(html).toContain('三顺庄村政务服务站');
    expect(html).toContain('魏善庄镇三顺庄村委会一层');
    expect(html).toContain('href="tel:01089270000"');
    expect(html).toContain('周一至周五 08:30–17:00');
  });

  it('shows the due date in China time with the provisional-year warning, no internal codes', () => {
    const html = render(VIEW, 'en');
    expect(html).toContain('Fri, 8 January 2027');
    expect(html).toContain('The 2027 holiday schedule is not yet published');
    expect(html).toContain('Mon–Fri 08:30–17:00');
    expect(html).not.toContain('awaiting_supplement<');
  });

  it('leaves the stations out when the answer has none', () => {
    const html = render({ ...VIEW, townStations: undefined }, 'zh-CN');
    expect(html).not.toContain('track-stations');
  });
});

import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** GS-10: what staff may record at the window (online belongs to the resident's own filing). */
export const WINDOW_CHANNELS = ['window', 'phone', 'appointment', 'home_visit'] as const;
export type WindowChannel = (typeof WINDOW_CHANNELS)[number];

/**
 * How the matter came in: a small select, default the window. An appointment or a home visit is
 * offered when the item lists it (the server checks again: CHANNEL_NOT_OFFERED).
 */
export function ChannelChoice({
  value,
  offered,
  onChange,
}: {
  value: WindowChannel;
  offered: readonly string[];
  onChange: (channel: WindowChannel) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="wb-channel">
      <label htmlFor="wb-channel" className="wb-label">
        {t('cases.workbench.channel')}
      </label>
      <Select<WindowChannel>
        id="wb-channel"
        data-testid="wb-channel"
        value={value}
        onChange={onChange}
        options={WINDOW_CHANNELS.map((c) => ({
          value: c,
          label: t(`cases.channel.${c}`),
          disabled: c !== 'window' && c !== 'phone' && !offered.includes(c),
        }))}
        style={{ width: '100%' }}
      />
      <p className="muted">{t('cases.workbench.channelHelp')}</p>
    </div>
  );
}

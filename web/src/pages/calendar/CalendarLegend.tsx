import { useTranslation } from 'react-i18next';
import type { DayKind } from './month-grid';

const KINDS: readonly DayKind[] = [
  'workday',
  'weekend',
  'holiday',
  'makeup',
  'override-workday',
  'override-holiday',
];

/** What the colours and marks of the month view mean. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <ul className="calendar-legend" aria-label={t('catalog.calendar.legend')}>
      {KINDS.map((kind) => (
        <li key={kind}>
          <span className={`legend-swatch day-${kind}`} aria-hidden>
            {kind === 'makeup' && t('catalog.calendar.markMakeup')}
            {kind.startsWith('override') && t('catalog.calendar.markOverride')}
          </span>
          {t(`catalog.calendar.kind.${kind}`)}
        </li>
      ))}
    </ul>
  );
}

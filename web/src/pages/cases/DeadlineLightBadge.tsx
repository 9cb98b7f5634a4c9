import { useTranslation } from 'react-i18next';
import type { DeadlineLight } from '../../api/case-types';

/** A coloured dot and its words: the colour is never the only signal (GS-8). */
export function DeadlineLightBadge({ light }: { light: DeadlineLight }) {
  const { t } = useTranslation();
  return (
    <span
      className={`deadline-light deadline-light-${light}`}
      data-testid="case-light"
      data-light={light}
    >
      <span className="deadline-light-dot" aria-hidden />
      <span className="deadline-light-text">{t(`cases.light.${light}`)}</span>
    </span>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpeningHoursWords } from '../../lib/opening-hours';

export function useOpeningHoursWords(): OpeningHoursWords {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      dayNames: [
        t('days.1'),
        t('days.2'),
        t('days.3'),
        t('days.4'),
        t('days.5'),
        t('days.6'),
        t('days.7'),
      ],
      rangeSeparator: t('days.rangeSeparator'),
      listSeparator: t('days.listSeparator'),
      everyDay: t('days.everyDay'),
    }),
    // t is stable across a language change; the language is what makes the words differ.
    [t, i18n.language],
  );
}

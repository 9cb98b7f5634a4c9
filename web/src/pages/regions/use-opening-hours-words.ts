import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpeningHoursWords } from '../../lib/opening-hours';

export function useOpeningHoursWords(): OpeningHoursWords {
  const { t } = useTranslation();
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
    // react-i18next 17 hands out a new t when the language changes (it is fixed to one
    // language), so t alone says when the words differ.
    [t],
  );
}

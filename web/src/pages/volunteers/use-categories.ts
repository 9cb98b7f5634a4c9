import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { listCategories, type Category } from '../../api/volunteers';
import { useAsync } from '../../lib/use-async';

/** The active "8+N" categories, with a name in the UI language. */
export function useCategories() {
  const { i18n } = useTranslation();
  const state = useAsync((signal) => listCategories(signal), 'vs-categories');
  const en = i18n.language === 'en';
  return useMemo(() => {
    const list = state.data ?? [];
    const byCode = new Map<string, Category>(list.map((c) => [c.code, c]));
    const nameOf = (code: string | null | undefined) => {
      if (!code) return '';
      const c = byCode.get(code);
      return c ? (en ? c.nameEn : c.nameZh) : code;
    };
    const options = list.map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }));
    return { list, byCode, nameOf, options, state };
  }, [state, en]);
}

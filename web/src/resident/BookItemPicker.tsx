/**
 * GS-10 the booking page's item choice: the catalog's bookable items (appointment channel),
 * searched by name or pinyin; picking one makes the times shown leave room for its duration.
 */
import { useEffect, useState } from 'react';
import { bookableItems, type BookableItems } from './appointments-api';
import { useLocale } from './i18n';

export function BookItemPicker(props: {
  value: string | null;
  onChange: (code: string | null) => void;
}) {
  const { t, locale } = useLocale();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<BookableItems['items']>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    bookableItems(q.trim(), ctrl.signal)
      .then((r) => setItems(r.items))
      .catch(() => {
        if (!ctrl.signal.aborted) setItems([]);
      });
    return () => ctrl.abort();
  }, [q]);
  return (
    <fieldset className="r-options" data-testid="book-items">
      <legend>{t('book.item')}</legend>
      <label className="r-field">
        <span>{t('book.itemSearch')}</span>
        <input
          type="search"
          data-testid="book-item-search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </label>
      <label className="r-option">
        <input
          type="radio"
          name="item"
          data-testid="book-item-none"
          checked={props.value === null}
          onChange={() => props.onChange(null)}
        />
        {t('book.itemNone')}
      </label>
      {items.length === 0 && <p className="r-note">{t('book.itemNoMatch')}</p>}
      {items.map((i) => (
        <label key={i.code} className="r-option">
          <input
            type="radio"
            name="item"
            data-testid={`book-item-${i.code}`}
            checked={props.value === i.code}
            onChange={() => props.onChange(i.code)}
          />
          {locale === 'en' ? i.name.en : i.name.zh}
        </label>
      ))}
    </fieldset>
  );
}

import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItemSummary } from '../../../api/case-types';
import { useAsync } from '../../../lib/use-async';
import { catalogCacheFor } from '../../../offline/catalog-cache';
import { useMe } from '../../../session/session-context';
import { localName } from '../case-format';
import { InstantTag } from '../CaseTags';

const DEBOUNCE_MS = 200;

function ItemOption({ item }: { item: CatalogItemSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="item-option" data-testid={`wb-item-option-${item.code}`}>
      <span className="item-option-name">{localName(item.name, i18n.language)}</span>
      <span className="item-option-meta">
        <span className="mono">{item.code}</span>
        {item.promisedLimitDays === 0 ? (
          <InstantTag />
        ) : (
          <span>{t('cases.common.promisedDays', { n: item.promisedLimitDays })}</span>
        )}
      </span>
    </span>
  );
}

/**
 * Step 2: a searchable select over the catalog. The server matches Chinese, English, full pinyin
 * and initials ("sbk" → 社保卡补办). While the answer for the latest letters is on its way no
 * options are shown, so a quick Enter never picks an item from the previous answer.
 */
export function ItemPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CatalogItemSummary | null;
  onChange: (item: CatalogItemSummary | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const catalog = catalogCacheFor(useMe().id);
  // Online the server answers (and the answer is kept); during a network cut the kept catalog.
  const results = useAsync((signal) => catalog.search(query, signal), query);
  const settled = results.status === 'success' && query === typed.trim();
  const items = settled ? results.data.items : [];

  return (
    <Select<string>
      id={id}
      data-testid="wb-item-select"
      className="item-picker"
      size="large"
      placeholder={t('cases.workbench.itemPlaceholder')}
      value={value?.code}
      labelRender={() => (value ? `${localName(value.name, i18n.language)} · ${value.code}` : '')}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      onChange={(code) => {
        onChange(items.find((i) => i.code === code) ?? null);
        setTyped('');
      }}
      onOpenChange={(open) => {
        if (!open) setTyped('');
      }}
      allowClear
      onClear={() => onChange(null)}
      notFoundContent={
        settled ? (
          t(results.data.offline ? 'offline.catalogNoMatch' : 'cases.workbench.itemNoMatch')
        ) : results.status === 'error' ? (
          t(navigator.onLine ? 'cases.workbench.itemSearchFailed' : 'offline.needsServer')
        ) : (
          <Spin size="small" />
        )
      }
      options={items.map((item) => ({
        value: item.code,
        label: <ItemOption item={item} />,
        title: localName(item.name, i18n.language),
      }))}
      listHeight={360}
    />
  );
}

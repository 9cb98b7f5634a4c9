import { useTranslation } from 'react-i18next';
import { fetchRegion } from '../../api/regions';
import type { Grant } from '../../api/types';
import { roleLabel } from '../../lib/labels';
import { useAsync } from '../../lib/use-async';

/** "镇级中心人员 · 魏善庄镇" for each grant: who I am and where. */
export function ScopeLine({ grants }: { grants: Grant[] }) {
  const { i18n } = useTranslation();
  const codes = [...new Set(grants.map((g) => g.regionCode))];
  const names = useAsync(async () => {
    const details = await Promise.all(codes.map((c) => fetchRegion(c).catch(() => null)));
    return new Map(details.map((d, i) => [codes[i] ?? '', d?.path[d.path.length - 1]?.name ?? '']));
  }, codes.join(','));
  return (
    <span className="scope-line">
      {grants.map((g) => {
        const place = names.data?.get(g.regionCode);
        return (
          <span key={`${g.role}-${g.regionCode}`} className="scope-line-item">
            {roleLabel(g, i18n.language)}
            {place ? ` · ${place}` : ''}
          </span>
        );
      })}
    </span>
  );
}

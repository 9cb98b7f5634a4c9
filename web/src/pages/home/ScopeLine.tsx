import { useTranslation } from 'react-i18next';
import type { Grant } from '../../api/types';
import { roleLabel } from '../../lib/labels';

/** "村级专管员 · 伊庄村政务服务站" for each grant: who I am and where. */
export function ScopeLine({ grants }: { grants: Grant[] }) {
  const { i18n } = useTranslation();
  return (
    <span className="scope-line">
      {grants.map((g) => (
        <span key={`${g.role}-${g.regionCode}-${g.stationId ?? ''}`} className="scope-line-item">
          {roleLabel(g, i18n.language)} · {g.stationName ?? g.regionName}
        </span>
      ))}
    </span>
  );
}

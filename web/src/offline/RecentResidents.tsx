import { HistoryOutlined } from '@ant-design/icons';
import { Button, List } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatChinaDateTime } from '../lib/china-time';
import { knownResidentsFor, type KnownResident } from './known-residents';

/**
 * During a network cut: the residents this clerk looked up recently (masked names only), to file
 * an intake for one of them. The server checks the resident when the intake is sent.
 */
export function RecentResidents({
  owner,
  onPick,
}: {
  owner: string;
  onPick: (resident: KnownResident) => void;
}) {
  const { t, i18n } = useTranslation();
  const [recent, setRecent] = useState<KnownResident[] | null>(null);
  useEffect(() => {
    let live = true;
    void knownResidentsFor(owner)
      .recent()
      .then((list) => live && setRecent(list));
    return () => {
      live = false;
    };
  }, [owner]);
  if (recent === null) return null;
  return (
    <section className="recent-residents" data-testid="wb-recent-residents">
      <h3 className="recent-residents-title">
        <HistoryOutlined aria-hidden /> {t('offline.recent.title')}
      </h3>
      {recent.length === 0 ? (
        <p className="muted">{t('offline.recent.none')}</p>
      ) : (
        <>
          <p className="muted">{t('offline.recent.help')}</p>
          <List
            size="small"
            dataSource={recent}
            rowKey={(r) => r.id}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Button
                    key="pick"
                    data-testid="wb-known-resident"
                    data-name={r.maskedName}
                    onClick={() => onPick(r)}
                    aria-label={t('offline.recent.pickNamed', { name: r.maskedName })}
                  >
                    {t('offline.recent.pick')}
                  </Button>,
                ]}
              >
                <span className="recent-resident-name">{r.maskedName}</span>{' '}
                <span className="muted">
                  {t('offline.recent.seenAt', {
                    time: formatChinaDateTime(r.seenAt, i18n.language),
                  })}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </section>
  );
}

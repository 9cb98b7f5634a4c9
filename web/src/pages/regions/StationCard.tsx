import { ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Station, StationKind } from '../../api/types';
import { useOpeningHoursWords } from './use-opening-hours-words';
import { formatOpeningHours } from '../../lib/opening-hours';

const KIND_COLOR: Record<StationKind, string> = {
  district_centre: 'purple',
  town_centre: 'blue',
  village_station: 'green',
};

/** One station: what it is, where, how to call, when it is open. */
export function StationCard({ station, showRegion }: { station: Station; showRegion: boolean }) {
  const { t } = useTranslation();
  const words = useOpeningHoursWords();
  const hours = formatOpeningHours(station.openingHours, words);

  return (
    <article className="station-card" data-testid="station-card">
      <header className="station-card-header">
        <h3>{station.name}</h3>
        <Tag color={KIND_COLOR[station.kind]}>{t(`stations.kind.${station.kind}`)}</Tag>
        {station.isDemo && <Tag>{t('stations.demo')}</Tag>}
      </header>
      <dl className="station-facts">
        {showRegion && (
          <div>
            <dt>{t('stations.region')}</dt>
            <dd>{station.regionName}</dd>
          </div>
        )}
        <div>
          <dt>
            <EnvironmentOutlined aria-hidden /> {t('stations.address')}
          </dt>
          <dd>{station.address}</dd>
        </div>
        <div>
          <dt>
            <PhoneOutlined aria-hidden /> {t('stations.phone')}
          </dt>
          <dd>
            <a href={`tel:${station.phone.replace(/[^0-9+]/g, '')}`} className="station-phone">
              {station.phone}
            </a>
          </dd>
        </div>
        <div>
          <dt>
            <ClockCircleOutlined aria-hidden /> {t('stations.hours')}
          </dt>
          <dd>
            {hours.length > 0
              ? hours.map((line) => (
                  <span key={line} className="station-hours-line">
                    {line}
                  </span>
                ))
              : t('stations.hoursUnknown')}
          </dd>
        </div>
      </dl>
    </article>
  );
}

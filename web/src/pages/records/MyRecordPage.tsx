import { FilePdfOutlined, SafetyCertificateOutlined, StarFilled } from '@ant-design/icons';
import { Button, Empty, Progress, Rate, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  certificatePdfUrl,
  myRecord,
  type RecordEntry,
  type ServiceLine,
  type VolunteerRecord,
} from '../../api/records';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { hoursText } from './records-format';
import './records.css';

const STATUS_COLOR: Record<ServiceLine['status'], string> = {
  checked_in: 'processing',
  pending_confirmation: 'warning',
  confirmed: 'success',
  rejected: 'error',
};

function Stars({ record }: { record: VolunteerRecord }) {
  const { t, i18n } = useTranslation();
  const s = record.stars;
  return (
    <section className="rec-card rec-stars" aria-labelledby="rec-stars-h">
      <h2 id="rec-stars-h" className="rec-card-title">
        {t('records.me.stars')}
      </h2>
      <div className="rec-stars-row">
        <Rate
          disabled
          count={s.pack.thresholds.length}
          value={s.stars}
          character={<StarFilled />}
          aria-label={t('records.me.starsValue', { count: s.stars })}
        />
        <strong data-testid="rec-stars">
          {s.stars > 0 ? t('records.me.starsValue', { count: s.stars }) : t('records.me.noStars')}
        </strong>
      </div>
      <Progress
        percent={Math.round(s.progress * 100)}
        showInfo={false}
        strokeWidth={14}
        aria-hidden
      />
      <p className="rec-muted">
        {s.nextThreshold === null
          ? t('records.me.topLevel')
          : t('records.me.toNext', { hours: hoursText(s.hoursToNext ?? 0), next: s.stars + 1 })}
      </p>
      <p className="rec-muted rec-small">
        {t('records.me.pack', { name: i18n.language === 'en' ? s.pack.nameEn : s.pack.nameZh })}
      </p>
    </section>
  );
}

function Service({ s }: { s: ServiceLine }) {
  const { t } = useTranslation();
  return (
    <li className="rec-item">
      <div className="rec-item-head">
        <strong>{s.content}</strong>
        <span className="rec-hours">{t('records.hoursValue', { hours: hoursText(s.hours) })}</span>
      </div>
      <div className="rec-muted">
        {s.date} · {s.place}
      </div>
      <div className="rec-muted">{s.organisation}</div>
      <div className="rec-tags">
        <Tag color={STATUS_COLOR[s.status]}>{t(`records.service.status.${s.status}`)}</Tag>
        {s.confirmedBy && (
          <span className="rec-small">
            {t('records.service.confirmedBy', { name: s.confirmedBy })}
          </span>
        )}
      </div>
      {s.evaluation && (
        <div className="rec-small">{t('records.service.evaluation', { text: s.evaluation })}</div>
      )}
      {s.orderRating && (
        <div className="rec-small">
          {t('records.service.rating', {
            average: s.orderRating.average,
            count: s.orderRating.count,
          })}
        </div>
      )}
    </li>
  );
}

function Entries({ title, rows }: { title: string; rows: RecordEntry[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="rec-card">
      <h2 className="rec-card-title">{title}</h2>
      <ul className="rec-list">
        {rows.map((e) => (
          <li key={e.id} className="rec-item">
            <div className="rec-item-head">
              <strong>{e.title}</strong>
              {e.hours > 0 && (
                <span className="rec-hours">
                  {t('records.hoursValue', { hours: hoursText(e.hours) })}
                </span>
              )}
            </div>
            <div className="rec-muted">
              {e.onDate} · {e.organisation}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** VS-8/VS-9 on the volunteer's phone: total confirmed hours, stars, services and certificates. */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const state = useAsync((signal) => myRecord(signal), 'me');

  if (state.status === 'error') return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageSpinner />;
  const record = state.data.record;
  if (!record) {
    return (
      <div className="page rec-page">
        <Result
          status="info"
          title={t('records.me.notLinked')}
          subTitle={t('records.me.notLinkedHelp')}
          extra={
            <Link to="/volunteers/me">
              <Button type="primary" size="large">
                {t('records.me.register')}
              </Button>
            </Link>
          }
        />
      </div>
    );
  }
  return (
    <div className="page rec-page">
      <PageHeading title={t('records.me.title')} subtitle={t('records.me.subtitle')} />
      <p className="rec-muted rec-identity">
        <strong>{record.volunteer.name}</strong>{' '}
        {t('records.me.identity', {
          number: record.volunteer.volunteerNumber,
          id: record.volunteer.idMasked,
        })}
      </p>
      <section className="rec-card rec-total" aria-labelledby="rec-total-h">
        <h2 id="rec-total-h" className="rec-card-title">
          {t('records.me.totalHours')}
        </h2>
        <div className="rec-total-value" data-testid="rec-total">
          {hoursText(record.stars.hours)}
          <span className="rec-total-unit">{t('records.me.hoursUnit')}</span>
        </div>
      </section>
      <Stars record={record} />

      <section className="rec-card" aria-labelledby="rec-certs-h">
        <h2 id="rec-certs-h" className="rec-card-title">
          {t('records.me.certificates')}
        </h2>
        {record.certificates.length === 0 ? (
          <p className="rec-muted">{t('records.me.certificatesEmpty')}</p>
        ) : (
          <ul className="rec-list">
            {record.certificates.map((c) => (
              <li key={c.id} className="rec-item" data-testid="rec-cert">
                <div className="rec-item-head">
                  <strong className="rec-number">{c.certificateNumber}</strong>
                  {c.revokedAt ? (
                    <Tag color="error">{t('records.cert.revoked')}</Tag>
                  ) : (
                    <Tag color="success">{t('records.cert.valid')}</Tag>
                  )}
                </div>
                <div className="rec-muted">
                  {c.organisation} · {t('records.hoursValue', { hours: hoursText(c.hours) })} ·{' '}
                  {c.issuedAt.slice(0, 10)}
                </div>
                <div className="rec-actions">
                  <Button
                    size="large"
                    icon={<FilePdfOutlined />}
                    href={certificatePdfUrl(c.id)}
                    target="_blank"
                  >
                    {t('records.me.download')}
                  </Button>
                  <Link to={`/verify/${c.certificateNumber}`}>
                    <Button size="large" icon={<SafetyCertificateOutlined />}>
                      {t('records.me.verify')}
                    </Button>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="rec-card" aria-labelledby="rec-services-h">
        <h2 id="rec-services-h" className="rec-card-title">
          {t('records.me.services')}
        </h2>
        {record.services.length === 0 ? (
          <Empty description={t('records.me.servicesEmpty')} />
        ) : (
          <ul className="rec-list">
            {record.services.map((s) => (
              <Service key={s.id} s={s} />
            ))}
          </ul>
        )}
      </section>
      <Entries title={t('records.me.training')} rows={record.training} />
      <Entries title={t('records.me.awards')} rows={record.awards} />
    </div>
  );
}

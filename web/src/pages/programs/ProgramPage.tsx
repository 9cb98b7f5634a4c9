import { Button, Card, Descriptions, Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getProgram, type Program, type ProgramClass } from '../../api/programs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { formatChinaDateTime } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';
import { classCounts, feeText, seasonText } from './program-format';
import './programs.css';

/** CP-1: one program and its classes (capacity, enrolled, offers, waitlist length). */
export default function ProgramPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const program = useAsync((signal) => getProgram(id, signal), id);
  const p = program.data;
  return (
    <div className="page">
      <PageHeading title={p?.title ?? t('programs.programTitle')} subtitle={p?.organiserName} />
      {program.status === 'error' && <ErrorAlert error={program.error} onRetry={program.reload} />}
      {program.status === 'loading' && !p && <PageSpinner />}
      {p && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'kind',
                label: t('programs.fields.kind'),
                children: t(`programs.kind.${p.kind}`),
              },
              { key: 'venue', label: t('programs.fields.venue'), children: p.venueName },
              { key: 'season', label: t('programs.fields.season'), children: seasonText(p) },
              { key: 'fee', label: t('programs.fields.fee'), children: feeText(t, p.feeFen) },
              ...(p.waiverNote
                ? [{ key: 'waiver', label: t('programs.fields.waiver'), children: p.waiverNote }]
                : []),
            ]}
          />
          <h2 className="section-title">{t('programs.classes')}</h2>
          <div className="program-list">
            {p.classes.map((c) => (
              <ClassCard key={c.id} program={p} klass={c} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function ClassCard({ program, klass: c }: { program: Program; klass: ProgramClass }) {
  const { t, i18n } = useTranslation();
  const counts = classCounts(c);
  const ages =
    c.minAge === null && c.maxAge === null
      ? t('programs.anyAge')
      : t('programs.ages', { min: c.minAge ?? 0, max: c.maxAge ?? 18 });
  return (
    <Card className="class-card" data-testid={`class-${c.name}`}>
      <h2>{c.name}</h2>
      <div>
        <Tag>{t(`programs.mode.${c.mode}`)}</Tag>
        <Tag>{ages}</Tag>
      </div>
      <div className="program-facts">
        <span>
          {t('programs.counts', {
            enrolled: counts.enrolled,
            capacity: c.capacity,
            hardMax: counts.hardMax,
          })}
        </span>
        <span>
          {t('programs.offersAndWaitlist', { offered: counts.offered, waiting: c.waitlistLength })}
        </span>
        <span>{t('programs.opensAt', { at: formatChinaDateTime(c.opensAt, i18n.language) })}</span>
        <span>{t('programs.offerHours', { hours: c.offerHours })}</span>
      </div>
      <Progress percent={counts.fill} aria-label={t('programs.fillLabel')} />
      <div className="program-actions">
        <Link to={`/programs/${program.id}/classes/${c.id}`}>
          <Button type="primary" size="large">
            {t('programs.openClass')}
          </Button>
        </Link>
      </div>
    </Card>
  );
}

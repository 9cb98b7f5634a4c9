import { Card, Empty, List, Progress } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listManagedPrograms, type Program, type ProgramClass } from '../../api/programs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatChinaDateTime } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';
import { classCounts, notOpenYet } from './program-format';
import './programs.css';

interface ClassRef {
  program: Program;
  klass: ProgramClass;
}

/** What the organiser's day starts with: the next opening, the classes filling, open offers. */
export function OrganiserHome({ now }: { now: Date }) {
  const { t, i18n } = useTranslation();
  const programs = useAsync((signal) => listManagedPrograms(signal), 'organiser-home');
  const all = useMemo<ClassRef[]>(
    () =>
      (programs.data ?? [])
        .filter((p) => p.status === 'published')
        .flatMap((p) => p.classes.map((klass) => ({ program: p, klass }))),
    [programs.data],
  );
  const nextOpening = all
    .filter((c) => notOpenYet(c.klass, now))
    .sort((a, b) => Date.parse(a.klass.opensAt) - Date.parse(b.klass.opensAt))[0];
  const filling = [...all]
    .sort(
      (a, b) =>
        classCounts(b.klass).fill - classCounts(a.klass).fill ||
        b.klass.waitlistLength - a.klass.waitlistLength,
    )
    .slice(0, 5);
  const offers = all.filter((c) => classCounts(c.klass).offered > 0);
  const link = (c: ClassRef) => `/programs/${c.program.id}/classes/${c.klass.id}`;

  if (programs.status === 'error')
    return <ErrorAlert error={programs.error} onRetry={programs.reload} />;
  if (!programs.data) return null;
  return (
    <section
      className="program-home"
      data-testid="organiser-home"
      aria-label={t('programs.home.label')}
    >
      <div className="program-list">
        <Card>
          <h2>{t('programs.home.nextOpening')}</h2>
          {nextOpening ? (
            <p>
              <Link to={link(nextOpening)}>
                {nextOpening.program.title} · {nextOpening.klass.name}
              </Link>
              <br />
              {formatChinaDateTime(nextOpening.klass.opensAt, i18n.language)}
            </p>
          ) : (
            <p>{all.length ? t('programs.home.allOpen') : t('programs.empty')}</p>
          )}
        </Card>
        <Card>
          <h2>{t('programs.home.openOffers')}</h2>
          {offers.length === 0 ? (
            <p>{t('programs.home.noOffers')}</p>
          ) : (
            <List
              size="small"
              dataSource={offers}
              renderItem={(c) => (
                <List.Item key={c.klass.id}>
                  <Link to={link(c)}>
                    {c.klass.name}: {t('programs.home.offers', { n: classCounts(c.klass).offered })}
                  </Link>
                </List.Item>
              )}
            />
          )}
        </Card>
      </div>
      <Card style={{ marginTop: 12 }}>
        <h2>{t('programs.home.filling')}</h2>
        {filling.length === 0 ? (
          <Empty description={t('programs.empty')} />
        ) : (
          <List
            size="small"
            dataSource={filling}
            renderItem={(c) => {
              const n = classCounts(c.klass);
              return (
                <List.Item key={c.klass.id}>
                  <div style={{ width: '100%' }}>
                    <Link to={link(c)}>
                      {c.program.title} · {c.klass.name}
                    </Link>
                    <div className="program-facts">
                      {t('programs.counts', {
                        enrolled: n.enrolled,
                        capacity: c.klass.capacity,
                        hardMax: n.hardMax,
                      })}
                      {' · '}
                      {t('programs.offersAndWaitlist', {
                        offered: n.offered,
                        waiting: c.klass.waitlistLength,
                      })}
                    </div>
                    <Progress percent={n.fill} size="small" aria-label={t('programs.fillLabel')} />
                  </div>
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </section>
  );
}

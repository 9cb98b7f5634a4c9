import { App, Button, Input, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addToRoster, findVolunteers, type VolunteerCandidate } from '../../api/programs-day';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';

/**
 * CP-4 the roster's lookup: the organiser types a name, the last four digits of a phone or a
 * team's name and adds a volunteer from the answers (only volunteers of teams in their scope; the
 * phone shown masked). Volunteers already on the day's roster are marked, not offered again.
 */
export function RosterLookup({
  classId,
  day,
  rostered,
  onAdded,
}: {
  classId: string;
  day: string;
  rostered: ReadonlySet<string>;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ q: string; list: VolunteerCandidate[] } | null>(null);

  const search = useAction(async (text: string) => {
    setFound({ q: text, list: await findVolunteers(text) });
  });
  const add = useKeyedAction(async (v: VolunteerCandidate) => {
    await addToRoster(classId, day, v.id, keeper.keyFor({ add: v.id, day }));
    keeper.reset();
    void message.success(t('programs.roster.added'));
    onAdded();
  });

  return (
    <section className="roster-add" data-testid="roster-lookup">
      <label htmlFor="roster-search">{t('programs.roster.search')}</label>
      <Input.Search
        id="roster-search"
        data-testid="roster-search"
        size="large"
        value={q}
        maxLength={30}
        enterButton={t('programs.roster.searchButton')}
        loading={search.busy}
        onChange={(e) => {
          setQ(e.target.value);
          search.clearError();
        }}
        onSearch={(text) => {
          if (text.trim()) void search.run(text.trim());
        }}
      />
      <p className="program-facts">{t('programs.roster.searchHint')}</p>
      {search.error !== null && <ErrorAlert error={search.error} />}
      {add.error !== null && <ErrorAlert error={add.error} />}
      {found && found.list.length === 0 && (
        <p className="program-facts" data-testid="roster-none">
          {t('programs.roster.noneFound', { q: found.q })}
        </p>
      )}
      {found && found.list.length > 0 && (
        <ul className="enrolment-list" aria-label={t('programs.roster.found')}>
          {found.list.map((v) => (
            <li key={v.id} className="enrolment-row" data-testid={`candidate-${v.name}`}>
              <div className="enrolment-who">
                <span className="enrolment-name">{v.name}</span>
                <span>
                  {v.teams.map((team) => (
                    <Tag key={team}>{team}</Tag>
                  ))}
                </span>
                {v.phoneMasked && <span className="program-facts">{v.phoneMasked}</span>}
              </div>
              <div className="day-child-actions">
                {rostered.has(v.id) ? (
                  <Tag color="blue">{t('programs.roster.already')}</Tag>
                ) : (
                  <Button
                    type="primary"
                    size="large"
                    loading={add.isBusy(v.id)}
                    onClick={() => void add.run(v.id, v)}
                  >
                    {t('programs.roster.add')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useMemo, useState } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { byUrgency, guardianButtons, TONE_OF_ENROLMENT } from './enrolment-text';
import { chinaDay, chinaWindow } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import {
  actOnEnrolment,
  browsePrograms,
  GUARDIAN_ACTIONS,
  pageMyEnrolments,
  type Enrolment,
  type EnrolmentPage,
  type GuardianAction,
  type Program,
} from './programs-api';
import { MARK } from './tone';
import { useLoad } from './use-load';

/** Enrolments a page; a guardian's children seldom have more, so "加载更多" is rare. */
const PAGE_SIZE = 50;

/** Actions that give a place away: asked twice. */
const ASKS_FIRST: readonly GuardianAction[] = ['decline_offer', 'withdraw'];

/** Where a class is, once the programs of my region have been read ('loading' until then). */
type Where = { program: string; klass: string } | 'loading' | 'unreadable' | undefined;

function EnrolmentCard(props: {
  e: Enrolment;
  where: Where;
  onChanged: (done: GuardianAction) => void;
}) {
  const { t, locale } = useLocale();
  const { e } = props;
  const [asking, setAsking] = useState<GuardianAction | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const acting = useAction(async (action: GuardianAction) => {
    await actOnEnrolment(e.id, action, keeper.keyFor({ id: e.id, action }));
    keeper.reset();
    setAsking(null);
    props.onChanged(action);
  });
  const { busy, error } = acting;
  const tone = TONE_OF_ENROLMENT[e.status];
  const buttons = guardianButtons(e.availableActions, GUARDIAN_ACTIONS);
  const act = (action: GuardianAction) => void acting.run(action);
  return (
    <li className="r-card r-record" data-testid="enrolment" data-status={e.status}>
      <h3>{e.childName}</h3>
      <p className={`r-status r-status-${tone}`} data-testid="enrolment-status">
        <span className="r-mark" aria-hidden="true">
          {MARK[tone]}
        </span>
        <span>{t(`enrolments.status.${e.status}`)}</span>
      </p>
      {e.status === 'waitlisted' && e.position !== null && (
        <p className="r-next" data-testid="enrolment-position">
          {t('enrolments.position', { n: e.position })}
        </p>
      )}
      {e.status === 'offered' && e.offerExpiresAt && (
        <p className="r-alert r-alert-warn" data-testid="enrolment-offer">
          {t('enrolments.offerUntil', { when: chinaWindow(e.offerExpiresAt, null, locale) ?? '' })}
        </p>
      )}
      <dl className="r-facts">
        <div>
          <dt>{t('enrolments.class')}</dt>
          <dd data-testid="enrolment-class">
            {props.where === 'loading' ? (
              <span className="r-help" role="status">
                {t('enrolments.classLoading')}
              </span>
            ) : props.where === 'unreadable' ? (
              t('enrolments.classUnreadable')
            ) : props.where ? (
              `${props.where.program} · ${props.where.klass}`
            ) : (
              t('enrolments.unknownClass')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('enrolments.appliedAt')}</dt>
          <dd>{chinaDay(e.appliedAt, locale)}</dd>
        </div>
      </dl>
      {error !== null && (
        <p className="r-alert r-alert-error" role="alert" data-testid="enrolment-error">
          {problemText(t, error)}
        </p>
      )}
      {asking ? (
        <div className="r-confirm" role="group" aria-label={t(`enrolments.actions.${asking}`)}>
          <p className="r-next">
            {t(`enrolments.confirm.${asking as 'decline_offer' | 'withdraw'}`)}
          </p>
          <div className="r-actions">
            <button
              type="button"
              className="r-submit r-danger"
              data-testid="enrolment-confirm"
              disabled={busy}
              aria-busy={busy}
              onClick={() => act(asking)}
            >
              {t('enrolments.yes')}
            </button>
            <button type="button" className="r-secondary" onClick={() => setAsking(null)}>
              {t('enrolments.no')}
            </button>
          </div>
        </div>
      ) : (
        buttons.length > 0 && (
          <div className="r-actions">
            {buttons.map((a) => (
              <button
                key={a}
                type="button"
                className={a === 'accept_offer' ? 'r-submit' : 'r-secondary'}
                data-testid={`enrolment-${a}`}
                disabled={busy}
                aria-busy={busy}
                onClick={() => (ASKS_FIRST.includes(a) ? setAsking(a) : act(a))}
              >
                {t(`enrolments.actions.${a}`)}
              </button>
            ))}
          </div>
        )
      )}
    </li>
  );
}

/**
 * Where each class is: its program's title and its own name, from the programs of my region. A
 * class is "no longer listed" only once that list has been read (not while it is loading).
 */
function classIndex(programs: Program[] | null) {
  const index = new Map<string, { program: string; klass: string }>();
  for (const p of programs ?? [])
    for (const c of p.classes) index.set(c.id, { program: p.title, klass: c.name });
  return index;
}

/**
 * 我的报名 (CP-2): my children's enrolments with their status, waiting-list position, an offered
 * place with its expiry in China time, and only the buttons the server's availableActions give
 * (accept / decline an offer, withdraw; giving a place away is asked twice). Read by keyset
 * (issue #16 p5): the first page, then "加载更多" while there is a next one; the total is shown.
 */
export function EnrolmentsPage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  const enrolments = useLoad((signal) => pageMyEnrolments({ limit: PAGE_SIZE }, signal));
  const [later, setLater] = useState<EnrolmentPage[]>([]);
  const last = later[later.length - 1] ?? enrolments.data;
  const more = useAction(async () => {
    if (!last?.nextCursor) return;
    const page = await pageMyEnrolments({ limit: PAGE_SIZE, after: last.nextCursor });
    setLater((pages) => [...pages, page]);
  });
  const programs = useLoad(browsePrograms);
  const [done, setDone] = useState<GuardianAction | null>(null);
  const where = useMemo(() => classIndex(programs.data), [programs.data]);
  const list = useMemo(
    () => byUrgency([enrolments.data, ...later].flatMap((p) => p?.items ?? [])),
    [enrolments.data, later],
  );
  return (
    <div className="r-page">
      <h1>{t('enrolments.title')}</h1>
      <p className="r-subtitle">{t('enrolments.subtitle')}</p>
      <LoadFailed load={enrolments} />
      <Loading load={enrolments} text={t('enrolments.loading')} />
      {done && (
        <p className="r-alert r-alert-good" role="status" data-testid="enrolment-done">
          {t(`enrolments.done.${done}`)}
        </p>
      )}
      {enrolments.data && list.length === 0 && (
        <p className="r-note">
          {t('enrolments.empty')}{' '}
          <PageLink to="/r/programs" navigate={navigate}>
            {t('enrolments.browse')}
          </PageLink>
        </p>
      )}
      <ul className="r-records">
        {list.map((e) => (
          <EnrolmentCard
            key={e.id}
            e={e}
            where={
              programs.data !== null
                ? where.get(e.classId)
                : programs.error !== null
                  ? 'unreadable'
                  : 'loading'
            }
            onChanged={(action) => {
              setDone(action);
              setLater([]);
              enrolments.reload();
              programs.reload();
            }}
          />
        ))}
      </ul>
      {enrolments.data && enrolments.data.total > 0 && (
        <p className="r-help" data-testid="enrolments-total">
          {t(enrolments.data.totalExact ? 'enrolments.total' : 'enrolments.totalEstimated', {
            n: enrolments.data.total,
          })}
        </p>
      )}
      {more.error !== null && (
        <p className="r-alert r-alert-error" role="alert">
          {problemText(t, more.error)}
        </p>
      )}
      {last?.nextCursor && (
        <button
          type="button"
          className="r-secondary"
          data-testid="enrolments-more"
          disabled={more.busy}
          aria-busy={more.busy}
          onClick={() => void more.run()}
        >
          {t('enrolments.more')}
        </button>
      )}
    </div>
  );
}

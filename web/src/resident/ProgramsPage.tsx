import { useMemo, useState, type FormEvent } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import {
  agesOf,
  liveIn,
  outcomeOf,
  placesOf,
  priorityClaims,
  type ClaimDraft,
  type Outcome,
} from './enrolment-text';
import { chinaDay, chinaWindow } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { PriorityClaims } from './PriorityClaims';
import { problemText } from './problem-text';
import {
  browsePrograms,
  enrol,
  myChildren,
  myEnrolments,
  type Child,
  type Enrolment,
  type NewEnrolment,
  type Program,
  type ProgramClass,
} from './programs-api';
import { useLoad, type Load } from './use-load';

type Navigate = (to: string) => void;

function OutcomeLine({ outcome, child }: { outcome: Outcome; child: string }) {
  const { t, locale } = useLocale();
  const good = outcome.kind === 'enrolled' || outcome.kind === 'offered';
  const bad = outcome.kind === 'not_eligible' || outcome.kind === 'refused';
  let text: string;
  if (outcome.kind === 'enrolled') text = t('programs.outcome.enrolled', { child });
  else if (outcome.kind === 'waitlisted')
    text =
      outcome.position === null
        ? t('programs.outcome.waitlistedNoPos', { child })
        : t('programs.outcome.waitlisted', { child, position: outcome.position });
  else if (outcome.kind === 'applied') text = t('programs.outcome.applied');
  else if (outcome.kind === 'offered') text = t('programs.outcome.offered', { child });
  else if (outcome.kind === 'not_eligible')
    text = t('programs.outcome.notEligible', { reason: outcome.reason });
  else text = problemText(t, outcome.error);
  void locale;
  return (
    <p
      className={`r-alert ${good ? 'r-alert-good' : bad ? 'r-alert-error' : 'r-alert-warn'}`}
      role={bad ? 'alert' : 'status'}
      data-testid="enrol-outcome"
      data-outcome={outcome.kind}
    >
      {text}
    </p>
  );
}

function EnrolForm(props: {
  klass: ProgramClass;
  kids: Load<Family>;
  navigate: Navigate;
  onClose: () => void;
  onDone: (outcome: Outcome, child: string) => void;
}) {
  const { t } = useLocale();
  const [childId, setChildId] = useState('');
  const [claims, setClaims] = useState<ClaimDraft>({});
  const [showMissing, setShowMissing] = useState(false);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const enrolling = useAction(
    async (child: { id: string; realName: string }, body: NewEnrolment) => {
      try {
        const enrolment = await enrol(
          props.klass.id,
          body,
          keeper.keyFor({ classId: props.klass.id, ...body }),
        );
        keeper.reset();
        props.kids.reload();
        props.onDone(outcomeOf({ enrolment }), child.realName);
      } catch (error: unknown) {
        props.onDone(outcomeOf({ error }), child.realName);
      }
    },
  );
  const busy = enrolling.busy;
  const kids = props.kids.data?.children;
  const taken = liveIn(props.kids.data?.enrolments ?? [], props.klass.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const child = kids?.find((c) => c.id === childId);
    const priority = priorityClaims(claims);
    setShowMissing(true);
    if (!child || priority.missing.length > 0) return;
    const body = { childId: child.id, priorityGroups: priority.claims };
    void enrolling.run(child, body);
  };
  if (props.kids.error !== null) return <LoadFailed load={props.kids} />;
  if (!kids) return <Loading load={props.kids} text={t('programs.loading')} />;
  if (kids.length === 0)
    return (
      <p className="r-note" data-testid="enrol-no-children">
        {t('programs.noChildren')}{' '}
        <PageLink to="/r/children" navigate={props.navigate} testId="enrol-add-child">
          {t('programs.addChild')}
        </PageLink>
      </p>
    );
  return (
    <form className="r-form" onSubmit={submit} data-testid="enrol-form">
      <fieldset className="r-options">
        <legend>{t('programs.whichChild')}</legend>
        {kids.map((c) => (
          <label key={c.id} className="r-option">
            <input
              type="radio"
              name={`child-${props.klass.id}`}
              value={c.id}
              data-testid="enrol-child"
              checked={childId === c.id}
              disabled={taken.has(c.id)}
              onChange={() => setChildId(c.id)}
            />
            <span>
              {taken.has(c.id) ? t('programs.alreadyIn', { name: c.realName }) : c.realName}
            </span>
          </label>
        ))}
      </fieldset>
      <PriorityClaims
        draft={claims}
        missing={showMissing ? priorityClaims(claims).missing : []}
        onChange={setClaims}
      />
      <div className="r-actions">
        <button
          type="submit"
          className="r-submit"
          data-testid="enrol-submit"
          disabled={busy || !childId}
          aria-busy={busy}
        >
          {busy ? t('programs.busy') : t('programs.confirm')}
        </button>
        <button type="button" className="r-secondary" onClick={props.onClose}>
          {t('programs.cancel')}
        </button>
      </div>
    </form>
  );
}

function ClassCard(props: {
  klass: ProgramClass;
  kids: Load<Family>;
  wantChildren: () => void;
  navigate: Navigate;
}) {
  const { t, locale } = useLocale();
  const c = props.klass;
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ outcome: Outcome; child: string } | null>(null);
  const ages = agesOf(c);
  const places = placesOf(c, new Date());
  const canEnrol = places.key !== 'notOpen';
  return (
    <li className="r-class" data-testid="program-class" data-class-id={c.id}>
      <h4>{c.name}</h4>
      <p className="r-line">
        {ages ? t(`programs.${ages.key}`, { min: ages.min, max: ages.max }) : t('programs.anyAge')}
        {' · '}
        <strong data-testid="class-places" data-places={places.key}>
          {t(`programs.places.${places.key}`, { n: places.n })}
        </strong>
      </p>
      {places.key === 'notOpen' && (
        <p className="r-help">
          {t('programs.opensAt', { when: chinaWindow(c.opensAt, null, locale) ?? '' })}
        </p>
      )}
      {c.mode === 'lottery' && c.closesAt && (
        <p className="r-help">
          {t('programs.closesAt', { when: chinaWindow(c.closesAt, null, locale) ?? '' })}
        </p>
      )}
      {result && <OutcomeLine outcome={result.outcome} child={result.child} />}
      {result?.outcome.kind === 'not_eligible' && result.outcome.fixable && (
        <PageLink to="/r/children" navigate={props.navigate} testId="fix-child-details">
          {t('programs.fixDetails')}
        </PageLink>
      )}
      {result && result.outcome.kind !== 'not_eligible' && result.outcome.kind !== 'refused' && (
        <PageLink to="/r/enrolments" navigate={props.navigate} testId="see-enrolments">
          {t('programs.seeEnrolments')}
        </PageLink>
      )}
      {open ? (
        <EnrolForm
          klass={c}
          kids={props.kids}
          navigate={props.navigate}
          onClose={() => setOpen(false)}
          onDone={(outcome, child) => {
            setResult({ outcome, child });
            setOpen(false);
          }}
        />
      ) : (
        canEnrol && (
          <button
            type="button"
            className="r-submit"
            data-testid="class-enrol"
            onClick={() => {
              props.wantChildren();
              setResult(null);
              setOpen(true);
            }}
          >
            {places.key === 'full' || places.key === 'waitlist'
              ? t('programs.enrolWaitlist')
              : t('programs.enrol')}
          </button>
        )
      )}
    </li>
  );
}

function ProgramCard(props: {
  program: Program;
  kids: Load<Family>;
  wantChildren: () => void;
  navigate: Navigate;
}) {
  const { t, locale } = useLocale();
  const p = props.program;
  return (
    <li className="r-card r-record" data-testid="program">
      <h3>{p.title}</h3>
      <dl className="r-facts">
        <div>
          <dt>{t('programs.organiser')}</dt>
          <dd>{p.organiserName}</dd>
        </div>
        <div>
          <dt>{t('programs.venue')}</dt>
          <dd>{p.venueName}</dd>
        </div>
        <div>
          <dt>{t('programs.season')}</dt>
          <dd>
            {chinaDay(p.seasonStartsOn, locale)} – {chinaDay(p.seasonEndsOn, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('programs.fee')}</dt>
          <dd>
            {p.feeFen === 0
              ? t('programs.free')
              : t('programs.feeYuan', { yuan: (p.feeFen / 100).toFixed(2) })}
          </dd>
        </div>
      </dl>
      {p.waiverNote && <p className="r-help">{p.waiverNote}</p>}
      <ul className="r-classes">
        {p.classes.map((c) => (
          <ClassCard
            key={c.id}
            klass={c}
            kids={props.kids}
            wantChildren={props.wantChildren}
            navigate={props.navigate}
          />
        ))}
      </ul>
    </li>
  );
}

/** Reads my children (and enrolments) only once someone opens an enrolment form. */
/** My children and their enrolments (which child already has a place or waits in a class). */
interface Family {
  children: Child[];
  enrolments: Enrolment[];
}

async function readFamily(signal: AbortSignal): Promise<Family> {
  const [children, enrolments] = await Promise.all([myChildren(signal), myEnrolments(signal)]);
  return { children, enrolments };
}

function useChildrenOnDemand(): [Load<Family>, () => void] {
  const [wanted, setWanted] = useState(false);
  const load = useLoad((signal) =>
    wanted ? readFamily(signal) : new Promise<Family>(() => undefined),
  );
  return [
    load,
    () => {
      if (!wanted) {
        setWanted(true);
        load.reload();
      }
    },
  ];
}

/**
 * 托管班和课程 (CP-1 browse, CP-2 enrol): the published programs of my region with their classes,
 * ages and places as the server counts them; enrol a registered child in a class and read the
 * outcome at once (a place, the waiting list with its position, the draw, or why not).
 */
export function ProgramsPage({ navigate }: { navigate: Navigate }) {
  const { t } = useLocale();
  const programs = useLoad(browsePrograms);
  const [children, wantChildren] = useChildrenOnDemand();
  return (
    <div className="r-page">
      <h1>{t('programs.title')}</h1>
      <p className="r-subtitle">{t('programs.subtitle')}</p>
      <LoadFailed load={programs} />
      <Loading load={programs} text={t('programs.loading')} />
      {programs.data?.length === 0 && <p className="r-note">{t('programs.empty')}</p>}
      <ul className="r-records">
        {(programs.data ?? []).map((p) => (
          <ProgramCard
            key={p.id}
            program={p}
            kids={children}
            wantChildren={wantChildren}
            navigate={navigate}
          />
        ))}
      </ul>
    </div>
  );
}

import { splitPickupCode, spokenCode } from './child-day';
import { chinaClock, chinaDay } from './format';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { myChildren, type Child } from './programs-api';
import { todaysPickupCodes, type PickupCode } from './programs-day-api';
import { useLoad } from './use-load';

type Navigate = (to: string) => void;

/**
 * The code with its tag part (also on the child's badge) marked; a screen reader hears it one
 * character at a time.
 */
export function PickupCodeText({ code }: { code: PickupCode }) {
  const parts = splitPickupCode(code.code, code.tag);
  return (
    <p className="r-pickup-code r-mono">
      <span className="r-sr-only">{spokenCode(code.code)}</span>
      <span aria-hidden="true" data-testid="pickup-code">
        {parts.tag && (
          <mark className="r-pickup-tag" data-testid="pickup-tag">
            {parts.tag}
          </mark>
        )}
        <span>{parts.rest}</span>
      </span>
    </p>
  );
}

function ChildCodes({ child, navigate }: { child: Child; navigate: Navigate }) {
  const { t, locale } = useLocale();
  const codes = useLoad((signal) => todaysPickupCodes(child.id, signal));
  return (
    <li className="r-card r-record" data-testid="pickup-child">
      <h2>{child.realName}</h2>
      <LoadFailed load={codes} />
      <Loading load={codes} text={t('pickup.loading')} />
      {codes.data && codes.data.length === 0 && (
        <p className="r-note" data-testid="pickup-none">
          {t('pickup.noSession')}
        </p>
      )}
      {codes.data?.map((c) => (
        <section key={`${c.classId}-${c.day}`} className="r-pickup" data-testid="pickup-slip">
          <p className="r-help">
            {chinaDay(c.day, locale)} {chinaClock(c.startsAt)}–{chinaClock(c.endsAt)} ·{' '}
            {c.programTitle} · {c.className} · {c.venueName}
          </p>
          <PickupCodeText code={c} />
          <p className="r-help">{t('pickup.tagHelp', { tag: c.tag })}</p>
        </section>
      ))}
      <PageLink to={`/r/child?child=${child.id}`} navigate={navigate} testId="pickup-persons-link">
        {t('pickup.persons')}
      </PageLink>
    </li>
  );
}

/**
 * 今日接送码 (CP-3): today's pickup code of each of my children, big enough to read out at the
 * door, its tag part marked; a plain line for a child with no class today.
 */
export function PickupPage({ navigate }: { navigate: Navigate }) {
  const { t } = useLocale();
  const children = useLoad(myChildren);
  return (
    <div className="r-page">
      <h1>{t('pickup.title')}</h1>
      <p className="r-subtitle">{t('pickup.subtitle')}</p>
      <LoadFailed load={children} />
      <Loading load={children} text={t('pickup.loading')} />
      {children.data && children.data.length === 0 && (
        <p className="r-note">
          {t('children.empty')}{' '}
          <PageLink to="/r/children" navigate={navigate}>
            {t('programs.addChild')}
          </PageLink>
        </p>
      )}
      <ul className="r-records">
        {children.data?.map((c) => (
          <ChildCodes key={c.id} child={c} navigate={navigate} />
        ))}
      </ul>
    </div>
  );
}

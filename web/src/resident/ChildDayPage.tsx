import { useState } from 'react';
import { AttendanceHistory } from './AttendanceHistory';
import { chosenChild } from './child-day';
import { LoadFailed, Loading, PageLink } from './guardian-parts';
import { useLocale } from './i18n';
import { PickupPersons } from './PickupPersons';
import { myChildren } from './programs-api';
import { useLoad } from './use-load';

type Navigate = (to: string) => void;

/**
 * 孩子的接送与出勤 (CP-3): for one of my children, who may collect them (and who must not), and
 * their attendance with reporting an absence. Several children: a row of buttons to switch.
 */
export function ChildDayPage({ navigate }: { navigate: Navigate }) {
  const { t } = useLocale();
  const children = useLoad(myChildren);
  const [search, setSearch] = useState(() => window.location.search);
  const list = children.data ?? [];
  const childId = chosenChild(
    search,
    list.map((c) => c.id),
  );
  const child = list.find((c) => c.id === childId);
  return (
    <div className="r-page">
      <h1>{child ? t('childDay.titleOf', { name: child.realName }) : t('childDay.title')}</h1>
      <p className="r-subtitle">{t('childDay.subtitle')}</p>
      <LoadFailed load={children} />
      <Loading load={children} text={t('pickup.loading')} />
      {children.data && list.length === 0 && (
        <p className="r-note">
          {t('children.empty')}{' '}
          <PageLink to="/r/children" navigate={navigate}>
            {t('programs.addChild')}
          </PageLink>
        </p>
      )}
      {list.length > 1 && (
        <nav className="r-actions" aria-label={t('childDay.choose')}>
          {list.map((c) => (
            <a
              key={c.id}
              href={`/r/child?child=${c.id}`}
              className={c.id === childId ? 'r-submit' : 'r-secondary'}
              aria-current={c.id === childId ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                // The same page for another child: the address follows, the page stays.
                window.history.replaceState(null, '', `/r/child?child=${c.id}`);
                setSearch(`?child=${c.id}`);
              }}
            >
              {c.realName}
            </a>
          ))}
        </nav>
      )}
      {childId && (
        <p>
          <PageLink to="/r/pickup" navigate={navigate} testId="child-day-codes">
            {t('childDay.codes')}
          </PageLink>
        </p>
      )}
      {childId && <PickupPersons key={`p-${childId}`} childId={childId} />}
      {childId && <AttendanceHistory key={`a-${childId}`} childId={childId} />}
    </div>
  );
}

import { ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Activity } from '../../api/activities';
import { formatWhen, SIGNUP_COLOR, signupLabel } from './activity-format';

/** One activity as a card: what, when, where, places left; actions below. */
export function ActivityCard({
  activity: a,
  actions,
}: {
  activity: Activity;
  actions?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const left = Math.max(0, a.capacity - a.confirmedCount);
  return (
    <Card className="activity-card" data-testid={`activity-${a.id}`}>
      <h2>
        <Link to={`/vs/activities/${a.id}`}>{a.title}</Link>
      </h2>
      <div>
        {a.status !== 'open' && <Tag color="red">{t(`activities.status.${a.status}`)}</Tag>}
        {a.mySignup && (
          <Tag color={SIGNUP_COLOR[a.mySignup.status]}>{signupLabel(t, a.mySignup)}</Tag>
        )}
      </div>
      <div className="activity-facts">
        <span>
          <ClockCircleOutlined aria-hidden /> {formatWhen(a, i18n.language)}
        </span>
        <span>
          <EnvironmentOutlined aria-hidden /> {a.place}
        </span>
        <span>
          <TeamOutlined aria-hidden /> {a.teamName}
        </span>
        <span>
          {left > 0
            ? t('activities.places.left', { left, capacity: a.capacity })
            : t('activities.places.full', { waiting: a.waitlistCount })}
        </span>
        {a.skills.length > 0 && (
          <span>
            {t('activities.skills')}: {a.skills.join('、')}
          </span>
        )}
      </div>
      {actions && <div className="activity-actions">{actions}</div>}
    </Card>
  );
}

export function OpenButton({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/vs/activities/${id}`}>
      <Button>{t('activities.open')}</Button>
    </Link>
  );
}

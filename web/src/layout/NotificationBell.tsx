import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listNotifications, markNotificationRead } from '../api/notifications';
import { useAsync } from '../lib/use-async';
import { notificationText } from './notification-text';

const POLL_MS = 60_000;

/** The header bell: unread count, and a dropdown of recent notifications with "mark read". */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const [tick, setTick] = useState(0);
  const list = useAsync((signal) => listNotifications(signal), String(tick));
  const items = list.data ?? [];

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const unread = items.filter((n) => n.readAt === null).length;

  const markRead = (id: string) => {
    markNotificationRead(id).then(
      () => setTick((n) => n + 1),
      () => undefined,
    );
  };

  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(open) => {
        if (open) setTick((n) => n + 1);
      }}
      popupRender={() => (
        <div className="notification-panel" data-testid="notification-panel">
          {items.length === 0 ? (
            <Empty description={t('firstresponse.notifications.empty')} />
          ) : (
            <ul className="notification-list">
              {items.map((n) => {
                const text = notificationText(t, i18n.language, n);
                return (
                  <li key={n.id} className={n.readAt ? 'notification-read' : 'notification-unread'}>
                    <strong>{text.subject}</strong>
                    <div>{text.body}</div>
                    {text.link && (
                      <div>
                        {text.link.to.startsWith('/r/') ? (
                          <a href={text.link.to}>{text.link.label}</a>
                        ) : (
                          <Link to={text.link.to}>{text.link.label}</Link>
                        )}
                      </div>
                    )}
                    <div className="muted">
                      {new Date(n.createdAt).toLocaleString(i18n.language, {
                        timeZone: 'Asia/Shanghai',
                      })}{' '}
                      {n.readAt ? (
                        t('firstresponse.notifications.read')
                      ) : (
                        <Button type="link" size="small" onClick={() => markRead(n.id)}>
                          {t('firstresponse.notifications.markRead')}
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    >
      <Button
        type="text"
        data-testid="notification-bell"
        aria-label={
          unread > 0
            ? t('firstresponse.notifications.unread', { count: unread })
            : t('firstresponse.notifications.label')
        }
        icon={
          <Badge count={unread} size="small">
            <BellOutlined aria-hidden />
          </Badge>
        }
      />
    </Dropdown>
  );
}

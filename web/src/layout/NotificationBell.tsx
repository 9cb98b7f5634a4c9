import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { markNotificationRead, pageNotifications } from '../api/notifications';
import { CursorPager } from '../components/CursorPager';
import { useAsync } from '../lib/use-async';
import { useCursorPages } from '../lib/use-cursor-pages';
import { notificationText } from './notification-text';

const POLL_MS = 60_000;
const PAGE_SIZE = 10;

/**
 * The header bell: the unread count (the total of the unread list, issue #16 p5: not a count of
 * one page), and a dropdown of my notifications, newest first, paged by cursor, with "mark read".
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const unreadList = useAsync(
    (signal) => pageNotifications({ limit: 1, unread: true }, signal),
    String(tick),
  );
  const unread = unreadList.data?.total ?? 0;
  // The page shown lives here, not in the panel: the dropdown may mount its popup afresh (its
  // opening motion), and a page turned meanwhile must not fall back to the first.
  const pages = useCursorPages();

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <Dropdown
      trigger={['click']}
      onOpenChange={(open) => {
        if (open) refresh();
      }}
      popupRender={() => <NotificationPanel tick={tick} onRead={refresh} pages={pages} />}
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

/** One page of my notifications; `tick` reloads the page shown. */
function NotificationPanel({
  tick,
  onRead,
  pages,
}: {
  tick: number;
  onRead: () => void;
  pages: ReturnType<typeof useCursorPages>;
}) {
  const { t, i18n } = useTranslation();
  const list = useAsync(
    (signal) => pageNotifications({ limit: PAGE_SIZE, after: pages.after }, signal),
    `${pages.after ?? ''}|${tick}`,
  );
  const items = list.data?.items ?? [];

  const markRead = (id: string) => {
    markNotificationRead(id).then(onRead, () => undefined);
  };

  return (
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
      {list.data && list.data.total > 0 && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="notification-pager"
        />
      )}
    </div>
  );
}

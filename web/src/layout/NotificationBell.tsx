import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty } from 'antd';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { markNotificationRead, pageNotifications } from '../api/notifications';
import { CursorPager } from '../components/CursorPager';
import { useAsync } from '../lib/use-async';
import { useCursorPages } from '../lib/use-cursor-pages';
import { notificationText } from './notification-text';

const POLL_MS = 60_000;
const PAGE_SIZE = 10;

/**
 * The header bell: the unread count (the total of the unread list, issue #16 p5: not a count of
 * one page), and a panel of my notifications, newest first, paged by cursor, with "mark read".
 * The panel is laid out by CSS under the bell (in the phone menu, in line), not by a floating
 * popup: a popup that re-aligns itself while its content loads moved "下一页" between a press and
 * its release, and the tap was lost. Escape or a press outside closes it.
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
  const [open, setOpen] = useState(false);
  // The page shown lives here, not in the panel: closing and opening again keeps it.
  const pages = useCursorPages();
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // Following a link in the panel closes it.
  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  useEffect(() => {
    if (!open) return;
    // The path as dispatched: a node the press re-rendered away still counts as inside.
    const onPress = (e: PointerEvent) => {
      if (box.current && !e.composedPath().includes(box.current)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    document.addEventListener('pointerdown', onPress);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPress);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="notification-bell" ref={box}>
      <Button
        ref={bell}
        type="text"
        data-testid="notification-bell"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={
          unread > 0
            ? t('firstresponse.notifications.unread', { count: unread })
            : t('firstresponse.notifications.label')
        }
        onClick={() => {
          if (!open) refresh();
          setOpen(!open);
        }}
        icon={
          <Badge count={unread} size="small">
            <BellOutlined aria-hidden />
          </Badge>
        }
      />
      {open && <NotificationPanel id={panelId} tick={tick} onRead={refresh} pages={pages} />}
    </div>
  );
}

/** One page of my notifications; `tick` reloads the page shown. */
function NotificationPanel({
  id,
  tick,
  onRead,
  pages,
}: {
  id: string;
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
    <div
      id={id}
      className="notification-panel"
      role="region"
      aria-label={t('firstresponse.notifications.label')}
      data-testid="notification-panel"
    >
      {/* Above the list: where it is does not depend on the rows below it. */}
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
  );
}

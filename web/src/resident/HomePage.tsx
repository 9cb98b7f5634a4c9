import { useLocale } from './i18n';
import type { PageName } from './routes';

const CARDS: { page: PageName; path: string }[] = [
  { page: 'file', path: '/r/file' },
  { page: 'book', path: '/r/book' },
  { page: 'bookings', path: '/r/bookings' },
  { page: 'toRate', path: '/r/to-rate' },
  { page: 'myRatings', path: '/r/my-ratings' },
  { page: 'visit', path: '/r/visit' },
  { page: 'visits', path: '/r/visits' },
  { page: 'order', path: '/r/order' },
  { page: 'mine', path: '/r/mine' },
  { page: 'track', path: '/track' },
  { page: 'verify', path: '/verify' },
  { page: 'programs', path: '/r/programs' },
  { page: 'enrolments', path: '/r/enrolments' },
  { page: 'children', path: '/r/children' },
  { page: 'pickup', path: '/r/pickup' },
  { page: 'child', path: '/r/child' },
];

type CardPage = Exclude<PageName, 'home' | 'login' | 'rate' | 'kiosk' | 'screen'>;

/** /r: what a resident can do here, as big buttons (booking will join them); a guardian's
 * children, programs and enrolments (CP-2), today's pickup code, pickup persons and attendance
 * (CP-3) among them. */
export function HomePage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  return (
    <div className="r-page">
      <h1>{t('home.title')}</h1>
      <ul className="r-choices">
        {CARDS.map((c) => (
          <li key={c.page}>
            <a
              className="r-choice"
              href={c.path}
              data-testid={`home-${c.page}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(c.path);
              }}
            >
              <strong>{t(`home.${c.page as CardPage}`)}</strong>
              <span className="r-help">{t(`home.${c.page as CardPage}Help`)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

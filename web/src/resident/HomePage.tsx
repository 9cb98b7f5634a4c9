import { useLocale } from './i18n';
import type { PageName } from './routes';

const CARDS: { page: PageName; path: string }[] = [
  { page: 'order', path: '/r/order' },
  { page: 'mine', path: '/r/mine' },
  { page: 'track', path: '/track' },
  { page: 'verify', path: '/verify' },
];

/** /r: what a resident can do here, as four big buttons (booking and enrolment will join them). */
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
              <strong>{t(`home.${c.page as 'order' | 'mine' | 'track' | 'verify'}`)}</strong>
              <span className="r-help">
                {t(`home.${c.page as 'order' | 'mine' | 'track' | 'verify'}Help`)}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { isApiError } from '../api/client';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import type { Load } from './use-load';

/** A read that failed: plain words and a retry; a 403 says the page is for guardians. */
export function LoadFailed({ load }: { load: Load<unknown> }) {
  const { t } = useLocale();
  if (load.error === null) return null;
  if (isApiError(load.error) && load.error.status === 403)
    return (
      <p className="r-alert r-alert-warn" data-testid="guardian-only">
        {t('children.guardianOnly')}
      </p>
    );
  return (
    <div className="r-alert r-alert-error" role="alert">
      {problemText(t, load.error)}{' '}
      <button type="button" className="r-link" onClick={load.reload}>
        {t('mine.retry')}
      </button>
    </div>
  );
}

/** "Loading…" until the first answer. */
export function Loading({ load, text }: { load: Load<unknown>; text: string }) {
  if (load.data !== null || load.error !== null) return null;
  return (
    <p className="r-note" role="status">
      {text}
    </p>
  );
}

/** A link inside the light entry: moves without reloading. */
export function PageLink(props: {
  to: string;
  navigate: (to: string) => void;
  className?: string;
  testId?: string;
  children: string;
}) {
  return (
    <a
      href={props.to}
      className={props.className ?? 'r-link'}
      data-testid={props.testId}
      onClick={(e) => {
        e.preventDefault();
        props.navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}

import { useEffect, useId, useMemo, useState } from 'react';
import { setApiLanguage } from '../api/client';
import type { Locale } from '../api/types';
import { readLocalPreferences, writeLocalPreferences } from '../lib/local-preferences';
import { LocaleContext, translator } from './i18n';
import { TrackPage } from './TrackPage';
import { usePath } from './use-path';
import { VerifyPage } from './VerifyPage';

/** A header (name, language, large text), the page for the address, and a short footer. */
export function ResidentApp() {
  const [prefs, setPrefs] = useState(readLocalPreferences);
  const [path, navigate] = usePath();
  const value = useMemo(
    () => ({ locale: prefs.locale, t: translator(prefs.locale) }),
    [prefs.locale],
  );
  const { t } = value;
  const elderlyId = useId();

  useEffect(() => {
    document.documentElement.lang = prefs.locale;
    setApiLanguage(prefs.locale);
    document.body.classList.toggle('elderly', prefs.elderlyMode);
    document.body.dataset.elderly = String(prefs.elderlyMode);
    writeLocalPreferences(prefs);
  }, [prefs]);

  const page = path.startsWith('/verify') ? 'verify' : path.startsWith('/track') ? 'track' : null;
  useEffect(() => {
    document.title = `${page ? t(`app.${page}`) : t('app.nav')} · ${t('app.name')}`;
  }, [page, t]);

  const otherLocale: Locale = prefs.locale === 'en' ? 'zh-CN' : 'en';

  return (
    <LocaleContext.Provider value={value}>
      <header className="r-header">
        <a className="r-brand" href="/track">
          {t('app.name')}
          <span className="r-tagline">{t('app.tagline')}</span>
        </a>
        <div className="r-tools">
          <button
            type="button"
            className="r-lang"
            data-testid="lang-switch"
            lang={otherLocale}
            aria-label={t('app.languageLabel')}
            onClick={() => setPrefs((p) => ({ ...p, locale: otherLocale }))}
          >
            {t('app.language')}
          </button>
          <span className="r-elderly">
            <input
              id={elderlyId}
              type="checkbox"
              role="switch"
              data-testid="elderly-switch"
              checked={prefs.elderlyMode}
              onChange={(e) => {
                const elderlyMode = e.target.checked;
                setPrefs((p) => ({ ...p, elderlyMode }));
              }}
            />
            <label htmlFor={elderlyId}>{t('app.elderly')}</label>
          </span>
        </div>
      </header>
      <nav className="r-nav" aria-label={t('app.nav')}>
        {(['track', 'verify'] as const).map((p) => (
          <a
            key={p}
            href={`/${p}`}
            aria-current={page === p ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/${p}`);
            }}
          >
            {t(`app.${p}`)}
          </a>
        ))}
      </nav>
      <main className="r-main">
        {page === 'track' && <TrackPage />}
        {page === 'verify' && <VerifyPage path={path} navigate={navigate} />}
        {page === null && <p className="r-note">{t('app.notFound')}</p>}
      </main>
      <footer className="r-footer">
        <a href="/">{t('app.staffLogin')}</a>
      </footer>
    </LocaleContext.Provider>
  );
}

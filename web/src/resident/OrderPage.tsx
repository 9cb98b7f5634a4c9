import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Menu, MenuCategory, MenuProject, Need, NewNeed } from '../api/orders';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { Field } from './Field';
import { chinaInstant, chinaToday } from './format';
import { useLocale, type Translate } from './i18n';
import { problemText } from './problem-text';
import { menuOf, orderService, rememberHomeRegion, type Me } from './resident-api';
import { homeRegionOf, plainName } from './session';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

interface Draft {
  description: string;
  place: string;
  day: string;
  from: string;
  to: string;
  contactName: string;
  contactPhone: string;
}

type Errors = Partial<Record<keyof Draft, string>>;

/** The form's own checks; the server checks again (and refuses past times with its own words). */
export function checkDraft(d: Draft, t: Translate, today: string): Errors {
  const e: Errors = {};
  if (!d.description.trim()) e.description = t('order.required');
  if (!d.place.trim()) e.place = t('order.required');
  if (!d.contactName.trim()) e.contactName = t('order.required');
  if (!PHONE.test(d.contactPhone.replace(/\s+/g, ''))) e.contactPhone = t('order.phoneInvalid');
  if (d.day && d.day < today) e.day = t('order.pastDay');
  if (d.day && !d.from) e.from = t('order.fromNeeded');
  if (!d.day && (d.from || d.to)) e.day = t('order.dayNeeded');
  if (d.from && d.to && d.to <= d.from) e.to = t('order.toBeforeFrom');
  return e;
}

/**
 * 点单 (VS-3) for a logged-in resident: pick a menu project or a category, then one plain form —
 * what, where, when (China time, the phone's own date and time pickers), contact. Same server
 * API as the staff app's /vs/order; one Idempotency-Key per body, so a retry cannot order twice.
 */
export function OrderPage({ me, navigate }: { me: Me; navigate: (to: string) => void }) {
  const { t, locale } = useLocale();
  const region = homeRegionOf(me);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [menuError, setMenuError] = useState<unknown>(null);
  const [menuTry, setMenuTry] = useState(0);
  const [project, setProject] = useState<MenuProject | null>(null);
  const [category, setCategory] = useState<MenuCategory | null>(null);
  const blank = (): Draft => ({
    description: '',
    place: '',
    day: '',
    from: '',
    to: '',
    contactName: plainName(me),
    contactPhone: '',
  });
  const [draft, setDraft] = useState<Draft>(blank);
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<Need | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const send = useAction(async (body: NewNeed) => {
    const need = await orderService(body, keeper.keyFor(body));
    keeper.reset();
    setDone(need);
    window.scrollTo(0, 0);
  });
  const { busy, error } = send;
  const top = useRef<HTMLHeadingElement>(null);

  useEffect(() => rememberHomeRegion(region), [region]);

  useEffect(() => {
    const ctrl = new AbortController();
    setMenuError(null);
    menuOf(region, ctrl.signal)
      .then(setMenu)
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setMenuError(e);
      });
    return () => ctrl.abort();
  }, [region, menuTry]);

  const today = chinaToday();
  const errors = touched ? checkDraft(draft, t, today) : {};
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const categoryName = (c: MenuCategory | undefined) =>
    c ? (locale === 'en' ? c.nameEn : c.nameZh) : '';
  const categories = new Map((menu?.categories ?? []).map((c) => [c.code, c]));

  const choose = (p: MenuProject | null, c: MenuCategory | null) => {
    setProject(p);
    setCategory(c);
    setDraft((d) => ({ ...d, description: p?.description ?? d.description }));
    setTimeout(() => top.current?.focus(), 0);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(checkDraft(draft, t, today)).length > 0) return;
    const body = {
      regionCode: region,
      ...(project ? { projectId: project.id } : { categoryCode: category!.code }),
      description: draft.description.trim(),
      place: draft.place.trim(),
      ...(draft.day && draft.from ? { wantedFrom: chinaInstant(draft.day, draft.from) } : {}),
      ...(draft.day && draft.to ? { wantedTo: chinaInstant(draft.day, draft.to) } : {}),
      contactName: draft.contactName.trim(),
      contactPhone: draft.contactPhone.replace(/\s+/g, ''),
    };
    void send.run(body);
  };

  if (done)
    return (
      <div className="r-page">
        <section className="r-card r-result" data-testid="order-done" role="status">
          <p className="r-status r-status-good">
            <span className="r-mark" aria-hidden="true">
              ✓
            </span>
            <span>{t('order.done')}</span>
          </p>
          <p className="r-next">{t('order.doneText', { number: done.needNumber })}</p>
          <a
            className="r-submit r-button-link"
            href="/r/mine"
            data-testid="order-to-mine"
            onClick={(e) => {
              e.preventDefault();
              navigate('/r/mine');
            }}
          >
            {t('order.toMine')}
          </a>
          <button
            type="button"
            className="r-secondary"
            onClick={() => {
              setDone(null);
              setProject(null);
              setCategory(null);
              setDraft(blank());
              setTouched(false);
            }}
          >
            {t('order.another')}
          </button>
        </section>
      </div>
    );

  const chosen = project ?? category;
  return (
    <div className="r-page">
      <h1 ref={top} tabIndex={-1}>
        {t('order.title')}
      </h1>
      <p className="r-subtitle">{t('order.subtitle')}</p>
      {menuError !== null && (
        <div className="r-alert r-alert-error" role="alert">
          {problemText(t, menuError)}{' '}
          <button type="button" className="r-link" onClick={() => setMenuTry((n) => n + 1)}>
            {t('mine.retry')}
          </button>
        </div>
      )}
      {menu === null && menuError === null && (
        <p className="r-note" role="status">
          {t('order.loading')}
        </p>
      )}
      {menu && !chosen && (
        <>
          <h2>{t('order.menu')}</h2>
          {menu.projects.length === 0 && <p className="r-note">{t('order.emptyMenu')}</p>}
          <ul className="r-choices">
            {menu.projects.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="r-choice"
                  data-testid="order-project"
                  onClick={() => choose(p, null)}
                >
                  <strong>{p.name}</strong>
                  <span className="r-help">
                    {categoryName(categories.get(p.categoryCode))}
                    {p.schedule ? ` · ${p.schedule}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <h2>{t('order.custom')}</h2>
          <ul className="r-choices r-choices-grid">
            {menu.categories.map((c) => (
              <li key={c.code}>
                <button
                  type="button"
                  className="r-choice"
                  data-testid="order-category"
                  style={c.colour ? { borderLeftColor: c.colour } : undefined}
                  onClick={() => choose(null, c)}
                >
                  <strong>{categoryName(c)}</strong>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {chosen && (
        <form className="r-card r-form" onSubmit={submit} noValidate data-testid="order-form">
          <div className="r-chosen">
            <strong data-testid="order-chosen">
              {t('order.chosen', {
                name: project ? project.name : categoryName(category ?? undefined),
              })}
            </strong>
            <button
              type="button"
              className="r-link"
              onClick={() => {
                setProject(null);
                setCategory(null);
              }}
            >
              {t('order.back')}
            </button>
          </div>
          <p className="r-help">{t('order.privacy')}</p>
          <Field
            label={t('order.description')}
            help={t('order.descriptionHelp')}
            error={errors.description ?? null}
            testId="order-description"
            value={draft.description}
            onChange={set('description')}
            maxLength={2000}
            multiline
          />
          <Field
            label={t('order.place')}
            help={t('order.placeHelp')}
            error={errors.place ?? null}
            testId="order-place"
            value={draft.place}
            onChange={set('place')}
            maxLength={200}
          />
          <Field
            label={t('order.day')}
            help={t('order.dayHelp')}
            error={errors.day ?? null}
            testId="order-day"
            type="date"
            min={today}
            value={draft.day}
            onChange={set('day')}
          />
          <div className="r-pair">
            <Field
              label={t('order.from')}
              error={errors.from ?? null}
              testId="order-from"
              type="time"
              value={draft.from}
              onChange={set('from')}
            />
            <Field
              label={t('order.to')}
              error={errors.to ?? null}
              testId="order-to"
              type="time"
              value={draft.to}
              onChange={set('to')}
            />
          </div>
          <Field
            label={t('order.contactName')}
            error={errors.contactName ?? null}
            testId="order-contact-name"
            value={draft.contactName}
            onChange={set('contactName')}
            autoComplete="name"
            maxLength={50}
          />
          <Field
            label={t('order.contactPhone')}
            help={t('order.phoneHelp')}
            error={errors.contactPhone ?? null}
            testId="order-phone"
            value={draft.contactPhone}
            onChange={set('contactPhone')}
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            mono
          />
          {error !== null && (
            <p className="r-alert r-alert-error" role="alert" data-testid="order-error">
              {problemText(t, error)}
            </p>
          )}
          <button
            type="submit"
            className="r-submit"
            data-testid="order-submit"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? t('order.busy') : t('order.submit')}
          </button>
        </form>
      )}
    </div>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction, useKeyedAction } from '../lib/use-action';
import { Field } from './Field';
import { chinaDay } from './format';
import { LoadFailed, Loading } from './guardian-parts';
import { useLocale } from './i18n';
import {
  personBody,
  type Errors,
  type Kind,
  type PersonDraft,
  type Validity,
} from './pickup-person-form';
import { problemText } from './problem-text';
import {
  addPickupPerson,
  pickupPersons,
  revokePickupPerson,
  type NewPickupPerson,
  type PickupPerson,
} from './programs-day-api';
import { useLoad } from './use-load';

const KINDS: readonly Kind[] = ['authorised', 'blocked'];
const VALIDITIES: readonly Validity[] = ['today', 'always', 'window'];

function PersonRow(props: { p: PickupPerson; busy: boolean; onRevoke: () => void }) {
  const { t, locale } = useLocale();
  const { p } = props;
  const until = p.validUntil ? chinaDay(p.validUntil, locale) : t('persons.noEnd');
  return (
    <li className="r-card r-record" data-testid="pickup-person" data-kind={p.kind}>
      <h3>
        {p.name} · {p.relation}
      </h3>
      <dl className="r-facts">
        {p.phoneMasked && (
          <div>
            <dt>{t('persons.phone')}</dt>
            <dd className="r-mono" data-testid="pickup-person-phone">
              {p.phoneMasked}
            </dd>
          </div>
        )}
        {p.kind === 'authorised' && (
          <div>
            <dt>{t('persons.valid')}</dt>
            <dd data-testid="pickup-person-valid">
              {p.validUntil === p.validFrom
                ? t('persons.onlyOn', { day: chinaDay(p.validFrom, locale) })
                : `${chinaDay(p.validFrom, locale)} – ${until}`}
            </dd>
          </div>
        )}
      </dl>
      <button
        type="button"
        className="r-secondary"
        data-testid="pickup-person-revoke"
        disabled={props.busy}
        aria-busy={props.busy}
        onClick={props.onRevoke}
      >
        {p.kind === 'authorised' ? t('persons.revoke') : t('persons.unblock')}
      </button>
    </li>
  );
}

/** 接送人 (CP-3): who may collect my child (and who must never), added and revoked here. */
export function PickupPersons({ childId }: { childId: string }) {
  const { t } = useLocale();
  const persons = useLoad((signal) => pickupPersons(childId, signal));
  const blank: PersonDraft = {
    kind: 'authorised',
    name: '',
    relation: '',
    phone: '',
    validity: 'today',
    validFrom: '',
    validUntil: '',
  };
  const [draft, setDraft] = useState<PersonDraft>(blank);
  const [errors, setErrors] = useState<Errors>({});
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const revokeKeeper = useMemo(() => createIdempotencyKeeper(), []);
  const adding = useAction(async (body: NewPickupPerson) => {
    await addPickupPerson(childId, body, keeper.keyFor({ childId, ...body }));
    keeper.reset();
    setDraft(blank);
    persons.reload();
  });
  const revoking = useKeyedAction(async (id: string) => {
    await revokePickupPerson(id, revokeKeeper.keyFor({ id }));
    revokeKeeper.reset();
    persons.reload();
  });
  const set = (key: keyof PersonDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = personBody(draft, t);
    setErrors(checked.errors);
    if (checked.body) void adding.run(checked.body);
  };
  const live = (persons.data ?? []).filter((p) => !p.revoked);
  const group = (kind: Kind) => live.filter((p) => p.kind === kind);
  const error = adding.error ?? revoking.error;
  return (
    <section className="r-section" aria-labelledby="persons-title">
      <h2 id="persons-title">{t('persons.title')}</h2>
      <LoadFailed load={persons} />
      <Loading load={persons} text={t('pickup.loading')} />
      {persons.data &&
        KINDS.map((kind) => (
          <div key={kind} data-testid={`pickup-persons-${kind}`}>
            <h3>{t(`persons.kinds.${kind}`)}</h3>
            {group(kind).length === 0 && <p className="r-note">{t('persons.none')}</p>}
            <ul className="r-records">
              {group(kind).map((p) => (
                <PersonRow
                  key={p.id}
                  p={p}
                  busy={revoking.isBusy(p.id)}
                  onRevoke={() => void revoking.run(p.id, p.id)}
                />
              ))}
            </ul>
          </div>
        ))}
      <form className="r-card r-form" onSubmit={submit} noValidate data-testid="person-form">
        <h3>{t('persons.add')}</h3>
        <fieldset className="r-options">
          <legend>{t('persons.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="r-option">
              <input
                type="radio"
                name="person-kind"
                data-testid={`person-kind-${k}`}
                checked={draft.kind === k}
                onChange={() => set('kind')(k)}
              />
              <span>{t(`persons.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <Field
          label={t('persons.name')}
          error={errors.name ?? null}
          testId="person-name"
          value={draft.name}
          onChange={set('name')}
          maxLength={40}
        />
        <Field
          label={t('persons.relation')}
          help={t('persons.relationHelp')}
          error={errors.relation ?? null}
          testId="person-relation"
          value={draft.relation}
          onChange={set('relation')}
          maxLength={20}
        />
        <Field
          label={t('persons.phoneOptional')}
          help={t('persons.phoneHelp')}
          error={errors.phone ?? null}
          testId="person-phone"
          value={draft.phone}
          onChange={set('phone')}
          inputMode="tel"
          maxLength={13}
          mono
        />
        {draft.kind === 'authorised' && (
          <fieldset className="r-options">
            <legend>{t('persons.valid')}</legend>
            {VALIDITIES.map((v) => (
              <label key={v} className="r-option">
                <input
                  type="radio"
                  name="person-validity"
                  data-testid={`person-validity-${v}`}
                  checked={draft.validity === v}
                  onChange={() => set('validity')(v)}
                />
                <span>{t(`persons.validity.${v}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        {draft.kind === 'authorised' && draft.validity === 'window' && (
          <>
            <Field
              label={t('persons.from')}
              error={errors.validFrom ?? null}
              testId="person-from"
              type="date"
              value={draft.validFrom}
              onChange={set('validFrom')}
            />
            <Field
              label={t('persons.until')}
              error={errors.validUntil ?? null}
              testId="person-until"
              type="date"
              value={draft.validUntil}
              onChange={set('validUntil')}
            />
          </>
        )}
        {error !== null && (
          <p className="r-alert r-alert-error" role="alert" data-testid="person-error">
            {problemText(t, error)}
          </p>
        )}
        <button
          type="submit"
          className="r-submit"
          data-testid="person-submit"
          disabled={adding.busy}
          aria-busy={adding.busy}
        >
          {adding.busy ? t('children.busy') : t('persons.submit')}
        </button>
      </form>
    </section>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import {
  ChildDetailsFacts,
  ChildDetailsForm,
  gradeBody,
  GradeSelect,
  NeighbourhoodSelect,
} from './ChildDetailsFields';
import { Field } from './Field';
import { chinaDay } from './format';
import { PageLink, LoadFailed, Loading } from './guardian-parts';
import { useLocale, type Translate } from './i18n';
import { problemText } from './problem-text';
import {
  myChildren,
  myNeighbourhoods,
  registerChild,
  RELATIONS,
  type Child,
  type NewChild,
  type Relation,
} from './programs-api';
import { useLoad } from './use-load';

const ID_NUMBER = /^\d{17}[\dX]$/;

interface Draft {
  realName: string;
  idNumber: string;
  relation: Relation | '';
  /** '' = not stated; else 0–12. */
  grade: string;
  /** '' = not stated; else one of the community's 小区. */
  neighbourhood: string;
}
type Errors = Partial<Record<keyof Draft, string>>;

/** The form's own checks (the server checks again, and refuses a child registered twice). */
export function checkChild(
  d: Pick<Draft, 'realName' | 'idNumber' | 'relation'>,
  t: Translate,
): Errors {
  const e: Errors = {};
  if (!d.realName.trim()) e.realName = t('children.required');
  if (!ID_NUMBER.test(d.idNumber)) e.idNumber = t('children.idInvalid');
  if (!d.relation) e.relation = t('children.relationNeeded');
  return e;
}

function ChildCard(props: {
  child: Child;
  names: string[] | null;
  navigate: (to: string) => void;
  onChanged: () => void;
}) {
  const { child, navigate } = props;
  const { t, locale } = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const relation = RELATIONS.includes(child.relation as Relation)
    ? t(`children.relations.${child.relation as Relation}`)
    : '';
  return (
    <li className="r-card r-record" data-testid="child">
      <h3>{child.realName}</h3>
      <dl className="r-facts">
        <div>
          <dt>{t('children.born')}</dt>
          <dd>{chinaDay(child.birthDate, locale)}</dd>
        </div>
        <div>
          <dt>{t('children.id')}</dt>
          <dd className="r-mono" data-testid="child-id">
            {child.idMasked}
          </dd>
        </div>
        {relation && (
          <div>
            <dt>{t('children.yourRelation')}</dt>
            <dd>{relation}</dd>
          </div>
        )}
        <ChildDetailsFacts child={child} />
      </dl>
      {saved && (
        <p className="r-alert r-alert-good" role="status" data-testid="child-details-saved">
          {t('children.detailsSaved')}
        </p>
      )}
      {editing ? (
        <ChildDetailsForm
          child={child}
          names={props.names}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            props.onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <button
          type="button"
          className="r-secondary"
          data-testid="child-details-edit"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('children.detailsEdit')}
        </button>
      )}
      <PageLink to={`/r/child?child=${child.id}`} navigate={navigate} testId="child-day-link">
        {t('children.dayLink')}
      </PageLink>
    </li>
  );
}

/** 我的孩子 (CP-2): the children I registered (ID masked) and a plain form to register one more. */
export function ChildrenPage({ navigate }: { navigate: (to: string) => void }) {
  const { t } = useLocale();
  const children = useLoad(myChildren);
  const neighbourhoods = useLoad(myNeighbourhoods);
  // Without the list (not yet read, or unreadable) there is nothing to pick: the 小区 waits.
  const names = neighbourhoods.data?.names ?? (neighbourhoods.error !== null ? [] : null);
  const blank: Draft = { realName: '', idNumber: '', relation: '', grade: '', neighbourhood: '' };
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const registering = useAction(async (body: NewChild) => {
    setSaved(null);
    const child = await registerChild(body, keeper.keyFor(body));
    keeper.reset();
    setSaved(child.realName);
    setDraft(blank);
    children.reload();
  });
  const { busy, error } = registering;
  const set = (key: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: key === 'idNumber' ? value.trim().toUpperCase() : value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkChild(draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0 || !draft.relation) return;
    const body: NewChild = {
      realName: draft.realName.trim(),
      idNumber: draft.idNumber,
      relation: draft.relation,
      schoolGrade: gradeBody(draft.grade),
      neighbourhood: draft.neighbourhood === '' ? null : draft.neighbourhood,
    };
    void registering.run(body);
  };

  const list = children.data ?? [];
  return (
    <div className="r-page">
      <h1>{t('children.title')}</h1>
      <p className="r-subtitle">{t('children.subtitle')}</p>
      <LoadFailed load={children} />
      <Loading load={children} text={t('children.loading')} />
      {saved && (
        <p className="r-alert r-alert-good" role="status" data-testid="child-saved">
          {t('children.saved', { name: saved })}{' '}
          <PageLink to="/r/programs" navigate={navigate}>
            {t('children.enrolNow')}
          </PageLink>
        </p>
      )}
      {children.data && (
        <section aria-labelledby="children-list" className="r-section">
          <h2 id="children-list">{t('children.list')}</h2>
          {list.length === 0 && <p className="r-note">{t('children.empty')}</p>}
          <ul className="r-records">
            {list.map((c) => (
              <ChildCard
                key={c.id}
                child={c}
                names={names}
                navigate={navigate}
                onChanged={children.reload}
              />
            ))}
          </ul>
        </section>
      )}
      {children.data && (
        <form className="r-card r-form" onSubmit={submit} noValidate data-testid="child-form">
          <h2>{t('children.add')}</h2>
          <Field
            label={t('children.realName')}
            help={t('children.realNameHelp')}
            error={errors.realName ?? null}
            testId="child-name"
            value={draft.realName}
            onChange={set('realName')}
            maxLength={40}
          />
          <Field
            label={t('children.idNumber')}
            help={t('children.idNumberHelp')}
            error={errors.idNumber ?? null}
            testId="child-id-number"
            value={draft.idNumber}
            onChange={set('idNumber')}
            maxLength={18}
            mono
          />
          <fieldset className="r-options" aria-invalid={errors.relation ? true : undefined}>
            <legend>{t('children.relation')}</legend>
            {RELATIONS.map((r) => (
              <label key={r} className="r-option">
                <input
                  type="radio"
                  name="relation"
                  value={r}
                  data-testid={`child-relation-${r}`}
                  checked={draft.relation === r}
                  onChange={() => set('relation')(r)}
                />
                <span>{t(`children.relations.${r}`)}</span>
              </label>
            ))}
            {errors.relation && <p className="r-field-error">{errors.relation}</p>}
          </fieldset>
          <GradeSelect value={draft.grade} onChange={set('grade')} testId="child-grade-pick" />
          <NeighbourhoodSelect
            names={names}
            value={draft.neighbourhood}
            onChange={set('neighbourhood')}
            testId="child-neighbourhood-pick"
          />
          {error !== null && (
            <p className="r-alert r-alert-error" role="alert" data-testid="child-error">
              {problemText(t, error)}
            </p>
          )}
          <button
            type="submit"
            className="r-submit"
            data-testid="child-submit"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? t('children.busy') : t('children.submit')}
          </button>
        </form>
      )}
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../lib/use-action';
import { useLocale, type MessageKey, type Translate } from './i18n';
import { problemText } from './problem-text';
import { updateChild, type Child, type ChildDetails } from './programs-api';

/** School grades as the server counts them: 0 学前, 1–6 小学, 7–9 初中, 10–12 高中. */
export const GRADES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** 小学三年级 / Primary grade 3 …; past 12: left school. */
export function gradeText(t: Translate, grade: number): string {
  if (grade < 0 || grade > 12) return t('children.grades.left');
  return t(`children.grades.g${grade}` as MessageKey);
}

/** A picked grade ('' = not stated) as the body's `schoolGrade` (this school year by default). */
export function gradeBody(picked: string): ChildDetails['schoolGrade'] {
  return picked === '' ? null : { grade: Number(picked) };
}

/** The school grade, a native picker (the phone's own wheel); '' means "not stated". */
export function GradeSelect(props: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useLocale();
  const id = useId();
  return (
    <div className="r-field">
      <label htmlFor={id}>{t('children.grade')}</label>
      <select
        id={id}
        data-testid={props.testId}
        value={props.value}
        aria-describedby={`${id}-help`}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{t('children.gradeNone')}</option>
        {GRADES.map((g) => (
          <option key={g} value={String(g)}>
            {gradeText(t, g)}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="r-help">
        {t('children.gradeHelp')}
      </p>
    </div>
  );
}

/** The family's 小区, from the list the community keeps; nothing to pick when it keeps none. */
export function NeighbourhoodSelect(props: {
  names: string[] | null;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useLocale();
  const id = useId();
  if (props.names === null) return null;
  if (props.names.length === 0)
    return (
      <p className="r-help" data-testid={`${props.testId}-none`}>
        {t('children.neighbourhoodNoList')}
      </p>
    );
  // A 小区 the community no longer lists stays visible (and can be changed).
  const names = props.value && !props.names.includes(props.value) ? [props.value] : [];
  return (
    <div className="r-field">
      <label htmlFor={id}>{t('children.neighbourhood')}</label>
      <select
        id={id}
        data-testid={props.testId}
        value={props.value}
        aria-describedby={`${id}-help`}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{t('children.neighbourhoodNone')}</option>
        {[...names, ...props.names].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="r-help">
        {t('children.neighbourhoodHelp')}
      </p>
    </div>
  );
}

/** The child's grade (today's) and 小区 as the card shows them. */
export function ChildDetailsFacts({ child }: { child: Child }) {
  const { t } = useLocale();
  return (
    <>
      <div>
        <dt>{t('children.grade')}</dt>
        <dd data-testid="child-grade">
          {child.schoolGrade ? gradeText(t, child.schoolGrade.gradeNow) : t('children.notStated')}
        </dd>
      </div>
      <div>
        <dt>{t('children.neighbourhood')}</dt>
        <dd data-testid="child-neighbourhood">{child.neighbourhood ?? t('children.notStated')}</dd>
      </div>
    </>
  );
}

/**
 * Correct a registered child's grade and 小区 (CP-1 eligibility): both pickers, saved by one PATCH;
 * a refusal (an unknown 小区, an implausible year) is said in the server's own words.
 */
export function ChildDetailsForm(props: {
  child: Child;
  names: string[] | null;
  onSaved: (child: Child) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const { child } = props;
  const [grade, setGrade] = useState(child.schoolGrade ? String(child.schoolGrade.gradeNow) : '');
  const [neighbourhood, setNeighbourhood] = useState(child.neighbourhood ?? '');
  const saving = useAction(async (body: ChildDetails) => {
    props.onSaved(await updateChild(child.id, body));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ChildDetails = { schoolGrade: gradeBody(grade) };
    // Only a list the community keeps can be picked from; without one the 小区 is left as it is.
    if (props.names !== null && (props.names.length > 0 || neighbourhood === ''))
      body.neighbourhood = neighbourhood === '' ? null : neighbourhood;
    void saving.run(body);
  };
  return (
    <form className="r-form r-child-details" onSubmit={submit} data-testid="child-details-form">
      <GradeSelect value={grade} onChange={setGrade} testId="child-details-grade" />
      <NeighbourhoodSelect
        names={props.names}
        value={neighbourhood}
        onChange={setNeighbourhood}
        testId="child-details-neighbourhood"
      />
      {saving.error !== null && (
        <p className="r-alert r-alert-error" role="alert" data-testid="child-details-error">
          {problemText(t, saving.error)}
        </p>
      )}
      <div className="r-actions">
        <button
          type="submit"
          className="r-submit"
          data-testid="child-details-save"
          disabled={saving.busy}
          aria-busy={saving.busy}
        >
          {saving.busy ? t('children.detailsBusy') : t('children.detailsSave')}
        </button>
        <button type="button" className="r-secondary" onClick={props.onCancel}>
          {t('children.detailsCancel')}
        </button>
      </div>
    </form>
  );
}

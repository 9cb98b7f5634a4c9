import { Field } from './Field';
import { PRIORITY_GROUPS, type ClaimDraft, type PriorityGroup } from './enrolment-text';
import { useLocale } from './i18n';

/**
 * CP-2 priority groups (双职工 / 困难家庭 / 留守儿童), optional: each ticked group asks for its
 * evidence in a line of plain text; a family that declares one goes ahead on the waiting list.
 */
export function PriorityClaims(props: {
  draft: ClaimDraft;
  missing: readonly PriorityGroup[];
  onChange: (draft: ClaimDraft) => void;
}) {
  const { t } = useLocale();
  const toggle = (g: PriorityGroup, on: boolean) => {
    const next = { ...props.draft };
    if (on) next[g] = '';
    else delete next[g];
    props.onChange(next);
  };
  return (
    <fieldset className="r-options">
      <legend>{t('programs.priority.title')}</legend>
      <p className="r-help">{t('programs.priority.help')}</p>
      {PRIORITY_GROUPS.map((g) => (
        <div key={g} className="r-claim">
          <label className="r-option">
            <input
              type="checkbox"
              data-testid={`enrol-priority-${g}`}
              checked={props.draft[g] !== undefined}
              onChange={(e) => toggle(g, e.currentTarget.checked)}
            />
            <span>{t(`programs.priority.${g}`)}</span>
          </label>
          {props.draft[g] !== undefined && (
            <Field
              label={t('programs.priority.evidence')}
              help={t(`programs.priority.${g}Help`)}
              error={props.missing.includes(g) ? t('programs.priority.evidenceNeeded') : null}
              testId={`enrol-evidence-${g}`}
              value={props.draft[g] ?? ''}
              onChange={(value) => props.onChange({ ...props.draft, [g]: value })}
              maxLength={300}
            />
          )}
        </div>
      ))}
    </fieldset>
  );
}

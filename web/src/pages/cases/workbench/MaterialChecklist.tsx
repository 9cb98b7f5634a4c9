import { Button, Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogMaterial } from '../../../api/case-types';
import { localName } from '../case-format';
import { MaterialFacts } from '../MaterialFacts';

/** Step 3: one checkbox per material of the item; the clerk ticks what the applicant brought. */
export function MaterialChecklist({
  materials,
  presented,
  onChange,
}: {
  materials: CatalogMaterial[];
  presented: string[];
  onChange: (presented: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const have = new Set(presented);
  const toggle = (key: string, checked: boolean) =>
    onChange(materials.map((m) => m.key).filter((k) => (k === key ? checked : have.has(k))));
  const allRequired = () =>
    onChange(materials.filter((m) => m.required || have.has(m.key)).map((m) => m.key));

  return (
    <fieldset className="material-checklist">
      <legend className="material-checklist-help">{t('cases.workbench.materialsHelp')}</legend>
      <ul>
        {materials.map((m) => (
          <li key={m.key} className={have.has(m.key) ? 'is-checked' : undefined}>
            <Checkbox
              data-testid={`wb-material-${m.key}`}
              checked={have.has(m.key)}
              onChange={(e) => toggle(m.key, e.target.checked)}
            >
              <span className="material-name">{localName(m.name, i18n.language)}</span>
              <MaterialFacts material={m} />
            </Checkbox>
          </li>
        ))}
      </ul>
      <div className="material-checklist-footer">
        <span className="muted" aria-live="polite">
          {t('cases.workbench.presentedCount', { n: presented.length, total: materials.length })}
        </span>
        <Button onClick={allRequired} data-testid="wb-tick-required">
          {t('cases.workbench.tickAllRequired')}
        </Button>
        <Button onClick={() => onChange([])} disabled={presented.length === 0}>
          {t('cases.workbench.clearTicks')}
        </Button>
      </div>
    </fieldset>
  );
}

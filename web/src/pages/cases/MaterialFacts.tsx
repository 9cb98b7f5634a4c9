import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogMaterial } from '../../api/case-types';

/** Required or not, the form (original / copy / …), how many sheets and the notes of a material. */
export function MaterialFacts({
  material,
}: {
  /** A catalog material, or the copy a case's notice keeps (its form is plain text there). */
  material: Pick<CatalogMaterial, 'required' | 'copies' | 'notes'> & { form: string };
}) {
  const { t } = useTranslation();
  return (
    <span className="material-facts">
      <Tag color={material.required ? 'red' : 'default'} className="material-required">
        {material.required ? t('cases.common.required') : t('cases.common.optional')}
      </Tag>
      <span>{t(`cases.form.${material.form}`, { defaultValue: material.form })}</span>
      {material.copies > 0 && <span>{t('cases.common.copies', { n: material.copies })}</span>}
      {material.notes && <span className="material-notes">{material.notes}</span>}
    </span>
  );
}

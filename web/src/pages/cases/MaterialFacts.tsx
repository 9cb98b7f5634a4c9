import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogMaterial } from '../../api/case-types';

/** Required or not, the form (original / copy / …), how many sheets and the notes of a material. */
export function MaterialFacts({ material }: { material: CatalogMaterial }) {
  const { t } = useTranslation();
  return (
    <span className="material-facts">
      <Tag color={material.required ? 'red' : 'default'} className="material-required">
        {material.required ? t('cases.common.required') : t('cases.common.optional')}
      </Tag>
      <span>{t(`cases.form.${material.form}`)}</span>
      {material.copies > 0 && <span>{t('cases.common.copies', { n: material.copies })}</span>}
      {material.notes && <span className="material-notes">{material.notes}</span>}
    </span>
  );
}

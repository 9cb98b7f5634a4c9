import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Material } from '../../api/catalog-types';
import { localName, otherName } from './catalog-format';

/**
 * The materials list as a real table (a clerk reads it across); on a phone each row becomes a
 * small card, each cell labelled (see catalog.css, .materials-table).
 */
export function MaterialsTable({ materials }: { materials: readonly Material[] }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="materials-table" data-testid="catalog-materials">
      <caption className="visually-hidden">{t('catalog.materials.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('catalog.materials.name')}</th>
          <th scope="col">{t('catalog.materials.required')}</th>
          <th scope="col">{t('catalog.materials.form')}</th>
          <th scope="col">{t('catalog.materials.copies')}</th>
          <th scope="col">{t('catalog.materials.notes')}</th>
        </tr>
      </thead>
      <tbody>
        {materials.map((m) => (
          <tr key={m.key} data-testid={`material-${m.key}`}>
            <th scope="row" className="material-name">
              <span className="material-name-main">{localName(m.name, i18n.language)}</span>
              <span className="material-name-other">{otherName(m.name, i18n.language)}</span>
            </th>
            <td data-label={t('catalog.materials.required')}>
              {m.required ? (
                <Tag color="red" className="required-tag">
                  {t('catalog.materials.requiredYes')}
                </Tag>
              ) : (
                <Tag>{t('catalog.materials.requiredNo')}</Tag>
              )}
            </td>
            <td data-label={t('catalog.materials.form')}>{t(`catalog.materialForm.${m.form}`)}</td>
            <td data-label={t('catalog.materials.copies')}>
              {m.copies === 0
                ? t('catalog.materials.copiesShow')
                : t('catalog.materials.copiesN', { n: m.copies })}
            </td>
            <td data-label={t('catalog.materials.notes')} className="material-notes">
              {m.notes ?? t('catalog.materials.none')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

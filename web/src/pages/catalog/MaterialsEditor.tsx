import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { MATERIAL_FORMS } from '../../api/catalog-types';
import { newMaterial, type ItemFormValues } from './item-form-values';
import type { ItemRules } from './item-form-rules';

/** The materials as an editable table: one bordered row per material, add and remove. */
export function MaterialsEditor({
  form,
  rules,
}: {
  form: FormInstance<ItemFormValues>;
  rules: ItemRules;
}) {
  const { t } = useTranslation();
  return (
    <Form.List
      name="materials"
      rules={[
        {
          validator: async (_rule, value: unknown[] | undefined) => {
            if (!value || value.length === 0)
              throw new Error(t('catalog.edit.invalid.materialsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div className="materials-editor" data-testid="materials-editor">
          <ol className="material-rows">
            {fields.map((field, index) => {
              const isNew = form.getFieldValue(['materials', field.name, 'isNew']) === true;
              return (
                <li key={field.key} className="material-row" data-testid={`material-row-${index}`}>
                  <div className="material-row-head">
                    <span className="material-row-number">
                      {t('catalog.edit.materialRow', { n: index + 1 })}
                    </span>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined aria-hidden />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      aria-label={t('catalog.edit.removeMaterial', { n: index + 1 })}
                    >
                      <span className="material-remove-text">
                        {t('catalog.edit.removeMaterial', { n: index + 1 })}
                      </span>
                    </Button>
                  </div>
                  <div className="material-grid">
                    <Form.Item
                      name={[field.name, 'name', 'zh']}
                      label={t('catalog.edit.materialNameZh')}
                      rules={rules.materialName(t('catalog.edit.materialNameZh'))}
                      className="material-cell-name"
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name', 'en']}
                      label={t('catalog.edit.materialNameEn')}
                      rules={rules.materialName(t('catalog.edit.materialNameEn'))}
                      className="material-cell-name"
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'required']}
                      valuePropName="checked"
                      label={t('catalog.edit.materialRequired')}
                      className="material-cell-small"
                    >
                      <Checkbox>{t('catalog.materials.requiredYes')}</Checkbox>
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'form']}
                      label={t('catalog.edit.materialForm')}
                      className="material-cell-form"
                    >
                      <Select
                        onChange={() =>
                          void form.validateFields([['materials', field.name, 'copies']])
                        }
                        options={MATERIAL_FORMS.map((f) => ({
                          value: f,
                          label: t(`catalog.materialForm.${f}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'copies']}
                      label={t('catalog.edit.materialCopies')}
                      rules={rules.materialCopies(field.name)}
                      className="material-cell-small"
                    >
                      <InputNumber min={0} max={20} precision={0} className="number-input" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'notes']}
                      label={t('catalog.edit.materialNotes')}
                      rules={rules.materialNotes}
                      className="material-cell-notes"
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'key']}
                      label={t('catalog.edit.materialKey')}
                      rules={rules.materialKey(field.name)}
                      tooltip={t('catalog.edit.materialKeyHelp')}
                      className="material-cell-key"
                    >
                      <Input className="mono" disabled={!isNew} spellCheck={false} />
                    </Form.Item>
                  </div>
                </li>
              );
            })}
          </ol>
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() =>
              add(
                newMaterial((form.getFieldValue('materials') ?? []) as ItemFormValues['materials']),
              )
            }
            data-testid="material-add"
          >
            {t('catalog.edit.addMaterial')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  type FormInstance,
} from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATALOG_CATEGORIES,
  CATALOG_TIERS,
  CHANNELS,
  DECIDERS,
  SCOPES,
} from '../../api/catalog-types';
import { itemRules } from './item-form-rules';
import type { ItemFormValues } from './item-form-values';
import { MaterialsEditor } from './MaterialsEditor';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/** Every field of an item; the materials as an editable table. */
export function ItemForm({
  form,
  initialValues,
  isNew,
  busy,
  problems,
  onSubmit,
  onCancel,
}: {
  form: FormInstance<ItemFormValues>;
  initialValues: ItemFormValues;
  isNew: boolean;
  busy: boolean;
  /** The refusal's title and the server problems no field shows. */
  problems: { title: string; unplaced: string[] } | null;
  onSubmit: (values: ItemFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const rules = useMemo(() => itemRules(t, form), [t, form]);
  const decides = Form.useWatch('decides', form);

  return (
    <Form<ItemFormValues>
      form={form}
      layout="vertical"
      className="item-form"
      initialValues={initialValues}
      onFinish={() => onSubmit(form.getFieldsValue(true) as ItemFormValues)}
      scrollToFirstError={{ block: 'center' }}
      requiredMark={false}
    >
      <Section title={t('catalog.edit.sectionBasics')}>
        <div className="form-grid form-grid-2">
          <Form.Item
            name="code"
            label={t('catalog.edit.code')}
            extra={t('catalog.edit.codeHelp')}
            rules={isNew ? rules.code : []}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input className="mono" disabled={!isNew} data-testid="item-code" spellCheck={false} />
          </Form.Item>
          <Form.Item name="category" label={t('catalog.edit.category')}>
            <Select
              options={CATALOG_CATEGORIES.map((c) => ({
                value: c,
                label: t(`catalog.category.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name={['name', 'zh']} label={t('catalog.edit.nameZh')} rules={rules.nameZh}>
            <Input data-testid="item-name-zh" />
          </Form.Item>
          <Form.Item name={['name', 'en']} label={t('catalog.edit.nameEn')} rules={rules.nameEn}>
            <Input data-testid="item-name-en" />
          </Form.Item>
        </div>
        <Form.Item name="tier" label={t('catalog.edit.tier')}>
          <Radio.Group
            options={CATALOG_TIERS.map((tier) => ({
              value: tier,
              label: t(`catalog.tier.${tier}Long`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="aliases"
          label={t('catalog.edit.aliases')}
          extra={t('catalog.edit.aliasesHelp')}
          rules={rules.aliases}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['、', ',', '，']} />
        </Form.Item>
      </Section>

      <Section title={t('catalog.edit.sectionLimits')}>
        <div className="form-grid form-grid-3">
          <Form.Item
            name="legalLimitDays"
            label={t('catalog.edit.legalDays')}
            extra={t('catalog.edit.daysHelp')}
            rules={rules.days(t('catalog.edit.legalDays'))}
          >
            <InputNumber
              min={0}
              max={365}
              precision={0}
              className="number-input"
              data-testid="item-legal-days"
              onChange={() =>
                void form.validateFields(['promisedLimitDays']).catch(() => undefined)
              }
            />
          </Form.Item>
          <Form.Item
            name="promisedLimitDays"
            label={t('catalog.edit.promisedDays')}
            extra={t('catalog.edit.daysHelp')}
            rules={[...rules.days(t('catalog.edit.promisedDays')), ...rules.promised]}
          >
            <InputNumber
              min={0}
              max={365}
              precision={0}
              className="number-input"
              data-testid="item-promised-days"
            />
          </Form.Item>
          <Form.Item
            name="inPersonVisits"
            label={t('catalog.edit.visits')}
            extra={t('catalog.edit.visitsHelp')}
            rules={[...rules.days(t('catalog.edit.visits')), ...rules.visits]}
            dependencies={['channels']}
          >
            <InputNumber min={0} max={5} precision={0} className="number-input" />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalog.edit.sectionMaterials')}>
        <MaterialsEditor form={form} rules={rules} />
      </Section>

      <Section title={t('catalog.edit.sectionConditions')}>
        <Form.Item
          name="conditions"
          label={t('catalog.edit.conditions')}
          extra={t('catalog.edit.conditionsHelp')}
          rules={rules.conditions}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>
        <div className="form-grid">
          <Form.Item name="feeYuan" label={t('catalog.edit.fee')} extra={t('catalog.edit.feeHelp')}>
            <InputNumber min={0} max={1_000_000} precision={2} step={1} className="number-input" />
          </Form.Item>
          <Form.Item
            name="waivers"
            label={t('catalog.edit.waivers')}
            extra={t('catalog.edit.waiversHelp')}
            rules={rules.waivers}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        </div>
      </Section>

      <Section title={t('catalog.edit.sectionChannels')}>
        <Form.Item name="channels" label={t('catalog.edit.channels')} rules={rules.channels}>
          <Checkbox.Group
            className="checkbox-wrap"
            options={CHANNELS.map((c) => ({ value: c, label: t(`catalog.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="scope" label={t('catalog.edit.scope')}>
          <Radio.Group
            className="radio-stack"
            options={SCOPES.map((s) => ({ value: s, label: t(`catalog.scope.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="decides" label={t('catalog.edit.decides')}>
          <Radio.Group
            className="radio-stack"
            onChange={() => void form.validateFields(['department']).catch(() => undefined)}
            options={DECIDERS.map((d) => ({ value: d, label: t(`catalog.decides.${d}`) }))}
          />
        </Form.Item>
        {decides === 'district_department' && (
          <Form.Item
            name="department"
            label={t('catalog.edit.department')}
            extra={t('catalog.edit.departmentHelp')}
            rules={rules.department}
          >
            <Input />
          </Form.Item>
        )}
      </Section>

      <Section title={t('catalog.edit.sectionBasis')}>
        <Form.Item name="basis" label={t('catalog.edit.basis')} rules={rules.basis}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Form.Item
          name="procedure"
          label={t('catalog.edit.procedure')}
          extra={t('catalog.edit.procedureHelp')}
          rules={rules.procedure}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} />
        </Form.Item>
      </Section>

      {problems && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          data-testid="item-refused"
          title={problems.title}
          description={
            problems.unplaced.length > 0 && (
              <ul className="problem-list">
                {problems.unplaced.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <div className="form-actions sticky-actions">
        <Button onClick={onCancel} disabled={busy}>
          {t('catalog.edit.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="item-save">
          {isNew ? t('catalog.edit.create') : t('catalog.edit.save')}
        </Button>
      </div>
    </Form>
  );
}

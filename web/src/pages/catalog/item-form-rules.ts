import type { FormInstance, FormRule as Rule } from 'antd';
import type { TFunction } from 'i18next';
import type { Channel, MaterialForm } from '../../api/catalog-types';
import { ITEM_CODE, MATERIAL_KEY, type ItemFormValues } from './item-form-values';

/**
 * The server's rules (catalog.schema.ts), checked in the browser first so a refusal comes at
 * once, in the user's language, on the field it is about.
 */
const list = (...rules: Rule[]): Rule[] => rules;

export function itemRules(t: TFunction, form: FormInstance<ItemFormValues>) {
  const required = (field: string): Rule => ({
    required: true,
    whitespace: true,
    message: t('catalog.edit.required', { field }),
  });
  const max = (n: number): Rule => ({ max: n, message: t('catalog.edit.invalid.tooLong', { n }) });
  const lines =
    (maxLines: number, maxLength: number): Rule =>
    () => ({
      validator: async (_rule, value: string | undefined) => {
        const list = (value ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
        if (list.length > maxLines || list.some((l) => l.trim().length > maxLength))
          throw new Error(t('catalog.edit.invalid.tooLong', { n: maxLength }));
      },
    });
  const materialAt = (index: number) =>
    (form.getFieldValue('materials') as ItemFormValues['materials'] | undefined)?.[index];

  return {
    code: [
      required(t('catalog.edit.code')),
      { pattern: ITEM_CODE, message: t('catalog.edit.invalid.code') },
      max(40),
    ],
    nameZh: [required(t('catalog.edit.nameZh')), max(100)],
    nameEn: [required(t('catalog.edit.nameEn')), max(100)],
    aliases: list({
      validator: async (_rule, value: string[] | undefined) => {
        const list = value ?? [];
        if (list.length > 10 || list.some((a) => a.trim().length > 30 || a.includes('\n')))
          throw new Error(t('catalog.edit.invalid.aliases'));
      },
    }),
    promised: list({
      validator: async (_rule, value: number | null | undefined) => {
        const legal = form.getFieldValue('legalLimitDays') as number | null | undefined;
        if (typeof value === 'number' && typeof legal === 'number' && value > legal)
          throw new Error(t('catalog.edit.invalid.promisedOverLegal'));
      },
    }),
    days: (field: string): Rule[] => [
      { required: true, message: t('catalog.edit.required', { field }) },
    ],
    materialKey: (index: number): Rule[] => [
      required(t('catalog.edit.materialKey')),
      { pattern: MATERIAL_KEY, message: t('catalog.edit.invalid.materialKey') },
      {
        validator: async (_rule, value: string | undefined) => {
          const all = (form.getFieldValue('materials') ?? []) as ItemFormValues['materials'];
          const other = all.findIndex((m, i) => i !== index && m.key.trim() === value?.trim());
          if (value && other >= 0)
            throw new Error(t('catalog.edit.invalid.materialKeyDuplicate', { n: other + 1 }));
        },
      },
    ],
    materialCopies: (index: number): Rule[] => [
      {
        validator: async (_rule, value: number | null | undefined) => {
          const materialForm: MaterialForm | undefined = materialAt(index)?.form;
          const copies = value ?? 0;
          if ((materialForm === 'copy' || materialForm === 'original_and_copy') && copies < 1)
            throw new Error(t('catalog.edit.invalid.copiesForCopy'));
          if (materialForm === 'e_licence' && copies !== 0)
            throw new Error(t('catalog.edit.invalid.copiesForELicence'));
        },
      },
    ],
    materialName: (field: string): Rule[] => [required(field), max(100)],
    materialNotes: [max(500)],
    conditions: [lines(30, 500)],
    waivers: [lines(20, 300)],
    channels: list({
      validator: async (_rule, value: Channel[] | undefined) => {
        if (!value || value.length === 0)
          throw new Error(t('catalog.edit.invalid.channelsRequired'));
      },
    }),
    visits: list({
      validator: async (_rule, value: number | null | undefined) => {
        const channels = (form.getFieldValue('channels') ?? []) as Channel[];
        const remote = channels.some((c) => c === 'online' || c === 'home_visit' || c === 'agent');
        if (value === 0 && !remote) throw new Error(t('catalog.edit.invalid.zeroVisits'));
      },
    }),
    department: list(
      {
        validator: async (_rule, value: string | undefined) => {
          if (form.getFieldValue('decides') === 'district_department' && !value?.trim())
            throw new Error(t('catalog.edit.invalid.departmentRequired'));
        },
      },
      max(100),
    ),
    basis: [required(t('catalog.edit.basis')), max(2000)],
    procedure: [required(t('catalog.edit.procedure')), max(4000)],
  };
}

export type ItemRules = ReturnType<typeof itemRules>;

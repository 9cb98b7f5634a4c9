import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../api/catalog-types';
import {
  blankFormValues,
  formFieldOfServerPath,
  fromFormValues,
  newMaterial,
  toFormValues,
} from './item-form-values';

const item: CatalogItem = {
  code: 'DX-SB-001',
  name: { zh: '社会保障卡补办', en: 'Social security card replacement' },
  aliases: ['社保卡补办'],
  category: 'social_security',
  tier: 'base',
  legalLimitDays: 20,
  promisedLimitDays: 5,
  materials: [
    {
      key: 'id_card',
      name: { zh: '身份证', en: 'ID card' },
      required: true,
      form: 'original',
      copies: 0,
    },
    {
      key: 'photo',
      name: { zh: '照片', en: 'Photo' },
      required: true,
      form: 'original',
      copies: 1,
      notes: '可现场拍照',
    },
  ],
  conditions: ['已参保', '原卡已挂失'],
  fee: { amountFen: 1050, waivers: ['低保户免收'] },
  channels: ['window', 'online'],
  inPersonVisits: 1,
  scope: 'town',
  route: { accepts: 'station', decides: 'district_department', department: '区人力社保局' },
  basis: '《社会保险法》',
  procedure: '1. 核验身份\n2. 提交申请',
  isDemo: true,
};

describe('item form values', () => {
  it('round-trips an item through the form unchanged', () => {
    expect(fromFormValues(toFormValues(item))).toEqual(item);
  });

  it('splits lines, trims, drops blank lines and converts yuan to fen', () => {
    const values = {
      ...toFormValues(item),
      conditions: '  第一条 \n\n第二条\r\n',
      waivers: '',
      feeYuan: 12.34,
      name: { zh: ' 名称 ', en: ' Name ' },
    };
    const out = fromFormValues(values);
    expect(out.conditions).toEqual(['第一条', '第二条']);
    expect(out.fee).toEqual({ amountFen: 1234, waivers: [] });
    expect(out.name).toEqual({ zh: '名称', en: 'Name' });
  });

  it('drops the department unless a district department decides, and empty notes', () => {
    const values = toFormValues(item);
    values.decides = 'town_centre';
    values.materials[1] = { ...values.materials[1]!, notes: '  ' };
    const out = fromFormValues(values);
    expect(out.route).toEqual({ accepts: 'station', decides: 'town_centre' });
    expect(out.materials[1]).not.toHaveProperty('notes');
    expect(out.materials[0]).not.toHaveProperty('isNew');
  });

  it('gives new material rows a key no other row has', () => {
    expect(newMaterial([]).key).toBe('material_1');
    expect(newMaterial([{ key: 'id_card' }, { key: 'material_3' }]).key).toBe('material_4');
    expect(newMaterial([{ key: 'a' }, { key: 'material_3' }]).key).toBe('material_4');
    expect(blankFormValues().materials).toHaveLength(1);
  });
});

describe('server refusals on form fields', () => {
  it('maps body paths to the fields that show them', () => {
    expect(formFieldOfServerPath('body.promisedLimitDays')).toEqual(['promisedLimitDays']);
    expect(formFieldOfServerPath('body.materials.1.copies')).toEqual(['materials', 1, 'copies']);
    expect(formFieldOfServerPath('body.materials.0.name.en')).toEqual([
      'materials',
      0,
      'name',
      'en',
    ]);
    expect(formFieldOfServerPath('body.name.zh')).toEqual(['name', 'zh']);
    expect(formFieldOfServerPath('body.conditions.2')).toEqual(['conditions']);
    expect(formFieldOfServerPath('body.fee.amountFen')).toEqual(['feeYuan']);
    expect(formFieldOfServerPath('body.fee.waivers.0')).toEqual(['waivers']);
    expect(formFieldOfServerPath('body.route.department')).toEqual(['department']);
    expect(formFieldOfServerPath('body.channels')).toEqual(['channels']);
    expect(formFieldOfServerPath('body.aliases.3')).toEqual(['aliases']);
  });

  it('accepts bracketed indices and leaves unknown paths to the general message', () => {
    expect(formFieldOfServerPath('materials[2].form')).toEqual(['materials', 2, 'form']);
    expect(formFieldOfServerPath('body')).toBeUndefined();
    expect(formFieldOfServerPath('body.unknownThing')).toBeUndefined();
    expect(formFieldOfServerPath('')).toBeUndefined();
  });
});

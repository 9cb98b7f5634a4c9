import type {
  BilingualText,
  CatalogCategory,
  CatalogItem,
  CatalogTier,
  Channel,
  Decider,
  MaterialForm,
  Scope,
} from '../../api/catalog-types';

/** One row of the materials table in the form. */
export interface MaterialValues {
  key: string;
  name: BilingualText;
  required: boolean;
  form: MaterialForm;
  copies: number;
  notes?: string | undefined;
  /** Rows added in this form may set their key; saved keys stay (cases refer to them). */
  isNew?: boolean | undefined;
}

/** The edit form's values: the item, with lists that people type one per line as text. */
export interface ItemFormValues {
  code: string;
  name: BilingualText;
  aliases: string[];
  category: CatalogCategory;
  tier: CatalogTier;
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: MaterialValues[];
  /** One condition per line. */
  conditions: string;
  /** Yuan, 2 decimals; the API keeps fen. */
  feeYuan: number;
  /** One waiver per line. */
  waivers: string;
  channels: Channel[];
  inPersonVisits: number;
  scope: Scope;
  decides: Decider;
  department?: string | undefined;
  basis: string;
  procedure: string;
  isDemo: boolean;
}

export type FieldPath = (string | number)[];

export const MATERIAL_KEY = /^[a-z][a-z0-9_]{1,39}$/;
export const ITEM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+){1,3}$/;

const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function toFormValues(item: CatalogItem): ItemFormValues {
  return {
    code: item.code,
    name: { ...item.name },
    aliases: [...item.aliases],
    category: item.category,
    tier: item.tier,
    legalLimitDays: item.legalLimitDays,
    promisedLimitDays: item.promisedLimitDays,
    materials: item.materials.map((m) => ({ ...m, name: { ...m.name }, isNew: false })),
    conditions: item.conditions.join('\n'),
    feeYuan: item.fee.amountFen / 100,
    waivers: item.fee.waivers.join('\n'),
    channels: [...item.channels],
    inPersonVisits: item.inPersonVisits,
    scope: item.scope,
    decides: item.route.decides,
    department: item.route.department,
    basis: item.basis,
    procedure: item.procedure,
    isDemo: item.isDemo,
  };
}

/** A blank item: one materials row, accepted at the window, decided at the town centre. */
export function blankFormValues(): ItemFormValues {
  return {
    code: '',
    name: { zh: '', en: '' },
    aliases: [],
    category: 'other',
    tier: 'base',
    legalLimitDays: 20,
    promisedLimitDays: 5,
    materials: [newMaterial([])],
    conditions: '',
    feeYuan: 0,
    waivers: '',
    channels: ['window'],
    inPersonVisits: 1,
    scope: 'town',
    decides: 'town_centre',
    department: undefined,
    basis: '',
    procedure: '',
    isDemo: false,
  };
}

/** A new materials row with a key no other row has. */
export function newMaterial(existing: readonly Pick<MaterialValues, 'key'>[]): MaterialValues {
  const taken = new Set(existing.map((m) => m.key));
  let n = existing.length + 1;
  while (taken.has(`material_${n}`)) n++;
  return {
    key: `material_${n}`,
    name: { zh: '', en: '' },
    required: true,
    form: 'original',
    copies: 0,
    notes: undefined,
    isNew: true,
  };
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

export function fromFormValues(values: ItemFormValues): CatalogItem {
  const department = trimmed(values.department);
  return {
    code: trimmed(values.code),
    name: { zh: trimmed(values.name.zh), en: trimmed(values.name.en) },
    aliases: values.aliases.map((a) => a.trim()).filter((a) => a !== ''),
    category: values.category,
    tier: values.tier,
    legalLimitDays: values.legalLimitDays,
    promisedLimitDays: values.promisedLimitDays,
    materials: values.materials.map((m) => {
      const notes = trimmed(m.notes);
      return {
        key: trimmed(m.key),
        name: { zh: trimmed(m.name.zh), en: trimmed(m.name.en) },
        required: m.required,
        form: m.form,
        copies: m.copies,
        ...(notes ? { notes } : {}),
      };
    }),
    conditions: lines(values.conditions),
    fee: { amountFen: Math.round(values.feeYuan * 100), waivers: lines(values.waivers) },
    channels: [...values.channels],
    inPersonVisits: values.inPersonVisits,
    scope: values.scope,
    route: {
      accepts: 'station',
      decides: values.decides,
      ...(values.decides === 'district_department' && department ? { department } : {}),
    },
    basis: trimmed(values.basis),
    procedure: trimmed(values.procedure),
    isDemo: values.isDemo,
  };
}

/** Server paths that are one text box in the form (lists typed one per line). */
const WHOLE_FIELD: Record<string, FieldPath> = {
  aliases: ['aliases'],
  conditions: ['conditions'],
  channels: ['channels'],
  materials: ['materials'],
};

/**
 * The form field a server refusal is about: "body.materials.1.copies" → ['materials', 1,
 * 'copies'], "body.fee.amountFen" → ['feeYuan']. Undefined when no field shows it.
 */
export function formFieldOfServerPath(path: string): FieldPath | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  if (parts[0] === 'body') parts.shift();
  const [head, second, third, fourth] = parts;
  if (head === undefined) return undefined;
  if (head === 'fee') return second === 'waivers' ? ['waivers'] : ['feeYuan'];
  if (head === 'route') return second === 'department' ? ['department'] : ['decides'];
  if (head === 'materials' && second !== undefined && /^\d+$/.test(second) && third) {
    const row: FieldPath = ['materials', Number(second), third];
    return third === 'name' && (fourth === 'zh' || fourth === 'en') ? [...row, fourth] : row;
  }
  const whole = WHOLE_FIELD[head];
  if (whole) return whole;
  if (head === 'name')
    return second === 'zh' || second === 'en' ? ['name', second] : ['name', 'zh'];
  const simple = [
    'code',
    'category',
    'tier',
    'legalLimitDays',
    'promisedLimitDays',
    'inPersonVisits',
    'scope',
    'basis',
    'procedure',
  ];
  return simple.includes(head) ? [head] : undefined;
}

/**
 * The server's refusal messages are English (zod's and the catalog schema's own). The usual ones
 * are recognised here so they can be shown in the user's language; the original stays beside.
 */
export type ReasonKey =
  | 'missing'
  | 'wrongType'
  | 'notAnOption'
  | 'empty'
  | 'tooFew'
  | 'tooMany'
  | 'tooLong'
  | 'tooSmall'
  | 'tooLarge'
  | 'notWhole'
  | 'unknownField'
  | 'promisedOverLegal'
  | 'copiesForCopy'
  | 'copiesForELicence'
  | 'departmentRequired'
  | 'zeroVisits'
  | 'channelTwice'
  | 'duplicateKey'
  | 'duplicateCode'
  | 'codeFormat'
  | 'materialKeyFormat'
  | 'oneLine'
  | 'missingColumn'
  | 'feeDecimals';

export interface Reason {
  key: ReasonKey;
  values: Record<string, string | number>;
}

const RULES: readonly [RegExp, (m: RegExpExecArray) => Reason][] = [
  [/^Invalid input: expected \w+, received undefined$/, () => ({ key: 'missing', values: {} })],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (m) => ({ key: 'wrongType', values: { expected: m[1] ?? '' } }),
  ],
  [
    /^Invalid option: expected one of (.+)$/,
    (m) => ({
      key: 'notAnOption',
      values: { options: (m[1] ?? '').replace(/"/g, '').split('|').join(' / ') },
    }),
  ],
  [/^Too small: expected string to have >=1 characters?$/, () => ({ key: 'empty', values: {} })],
  [
    /^Too small: expected array to have >=(\d+) items?$/,
    (m) => ({ key: 'tooFew', values: { n: Number(m[1]) } }),
  ],
  [
    /^Too big: expected array to have <=(\d+) items?$/,
    (m) => ({ key: 'tooMany', values: { n: Number(m[1]) } }),
  ],
  [
    /^Too big: expected string to have <=(\d+) characters?$/,
    (m) => ({ key: 'tooLong', values: { n: Number(m[1]) } }),
  ],
  [
    /^Too small: expected number to be >=?(-?\d+)$/,
    (m) => ({ key: 'tooSmall', values: { n: Number(m[1]) } }),
  ],
  [
    /^Too big: expected number to be <=?(-?\d+)$/,
    (m) => ({ key: 'tooLarge', values: { n: Number(m[1]) } }),
  ],
  [/^Invalid input: expected int, received number$/, () => ({ key: 'notWhole', values: {} })],
  [
    /^Unrecognized keys?: (.+)$/,
    (m) => ({ key: 'unknownField', values: { fields: (m[1] ?? '').replace(/"/g, '') } }),
  ],
  [/promised limit may not exceed/, () => ({ key: 'promisedOverLegal', values: {} })],
  [/a copy needs copies/, () => ({ key: 'copiesForCopy', values: {} })],
  [/an e-licence has copies/, () => ({ key: 'copiesForELicence', values: {} })],
  [
    /required when a district department decides/,
    () => ({ key: 'departmentRequired', values: {} }),
  ],
  [/^0 visits needs/, () => ({ key: 'zeroVisits', values: {} })],
  [/a channel is listed twice/, () => ({ key: 'channelTwice', values: {} })],
  [
    /^duplicate material key "([^"]+)"/,
    (m) => ({ key: 'duplicateKey', values: { key: m[1] ?? '' } }),
  ],
  [/^(\S+) appears twice/, (m) => ({ key: 'duplicateCode', values: { code: m[1] ?? '' } })],
  [/upper-case letters and digits like/, () => ({ key: 'codeFormat', values: {} })],
  [/a slug like id_card/, () => ({ key: 'materialKeyFormat', values: {} })],
  [/^one line;/, () => ({ key: 'oneLine', values: {} })],
  [
    /^missing column (\S+)(?: \((.+)\))?$/,
    (m) => ({
      key: 'missingColumn',
      values: { column: m[2] ? `${m[1]}（${m[2]}）` : (m[1] ?? '') },
    }),
  ],
  [/at most 2 decimals/, () => ({ key: 'feeDecimals', values: {} })],
];

/** The reason in words the UI can translate, or null when the message is not a known one. */
export function recogniseReason(message: string): Reason | null {
  for (const [pattern, make] of RULES) {
    const match = pattern.exec(message.trim());
    if (match) return make(match);
  }
  return null;
}

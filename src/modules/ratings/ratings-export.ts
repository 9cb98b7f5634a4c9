/**
 * GS-13: the month's ratings in the shape a province's 好差评 system takes (the national record
 * fields), as JSON and as an Excel sheet. The rater's identity is not exported.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { newWorkbook } from '../../shared/excel.ts';
import { parseJsonColumn } from '../../db/json-column.ts';
import { RATING_READERS } from './ratings.access.ts';
import { RATING_CHANNELS, RATING_KIND_CODES } from './ratings.rules.ts';
import { monthRange } from './ratings-metrics.service.ts';
import { StoredReasonCodes } from './ratings.stored.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

/** The national record's fields, in order: key, Chinese header, English header. */
export const EXPORT_FIELDS = [
  ['caseNumber', '办件编号', 'Case number'],
  ['itemCode', '事项编码', 'Item code'],
  ['regionCode', '区划', 'Region code'],
  ['channel', '评价渠道', 'Channel'],
  ['ratingType', '评价类型', 'Rating type'],
  ['level', '评价等级', 'Level'],
  ['reasonCodes', '差评原因', 'Reason codes'],
  ['comment', '评价内容', 'Comment'],
  ['handler', '经办人', 'Handler'],
  ['agent', '代理人', 'Agent'],
  ['serviceChannel', '办理渠道', 'Service channel'],
  ['completedAt', '办结时间', 'Completed at'],
  ['ratedAt', '评价时间', 'Rated at'],
  ['counted', '计入统计', 'Counted'],
  ['rectification', '整改状态', 'Rectification'],
] as const;
export type ExportRecord = Record<(typeof EXPORT_FIELDS)[number][0], string | number | null>;

export async function exportRatings(
  db: Kysely<Database>,
  input: { actor: Actor; month: string },
): Promise<ExportRecord[]> {
  const prefixes = reachPrefixes(input.actor, RATING_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const { from, to } = monthRange(input.month);
  const rows = await db
    .selectFrom('ratings as r')
    .leftJoin('accounts as s', 's.id', 'r.staff_account_id')
    .leftJoin('accounts as a', 'a.id', 'r.agent_account_id')
    .leftJoin('rating_tickets as t', 't.rating_id', 'r.id')
    .select([
      'r.subject_number',
      'r.item_code',
      'r.region_code',
      'r.channel',
      'r.kind',
      'r.level',
      'r.reason_codes',
      'r.comment',
      's.display_name as handler',
      'a.display_name as agent',
      'r.service_channel',
      'r.completed_at',
      'r.rated_at',
      'r.excluded',
      't.state as ticket_state',
    ])
    .where('r.rated_at', '>=', from)
    .where('r.rated_at', '<', to)
    .where(underAnyPrefix('r.region_code', prefixes))
    .orderBy('r.rated_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    caseNumber: r.subject_number,
    itemCode: r.item_code,
    regionCode: r.region_code,
    channel: RATING_CHANNELS[r.channel].code,
    ratingType: RATING_KIND_CODES[r.kind],
    level: r.level,
    reasonCodes: parseJsonColumn(StoredReasonCodes, r.reason_codes, 'ratings.reason_codes').join(
      ',',
    ),
    comment: r.comment,
    handler: r.handler,
    agent: r.agent,
    serviceChannel: r.service_channel,
    completedAt: r.completed_at,
    ratedAt: r.rated_at,
    counted: r.excluded === 1 ? 0 : 1,
    rectification: r.ticket_state,
  }));
}

export async function exportRatingsWorkbook(
  db: Kysely<Database>,
  input: { actor: Actor; month: string; lang: 'zh-CN' | 'en' },
): Promise<{ filename: string; body: Buffer }> {
  const records = await exportRatings(db, input);
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet(input.lang === 'en' ? 'Ratings' : '好差评');
  sheet.columns = EXPORT_FIELDS.map(([key, zh, en]) => ({
    key,
    header: input.lang === 'en' ? en : zh,
    width: 18,
  }));
  for (const r of records) sheet.addRow(r);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `ratings-${input.month}.xlsx`, body };
}

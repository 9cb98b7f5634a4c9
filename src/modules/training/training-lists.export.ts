/** X-8: training sessions, competences and town requirements as Excel, by the lists' own queries. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages, wholeList } from '../../shared/list-export/export-pages.ts';
import {
  chinaDateTime,
  wordsOf,
  type ExportLanguage,
} from '../../shared/list-export/xlsx-stream.ts';
import { listRequirements } from './competence-requirements.ts';
import { listCompetences } from './competences.ts';
import { listTrainingSessions } from './training-sessions.ts';
import { TRAINING_READERS } from './training-town.ts';
import { CompetenceQuery, RequirementQuery, SessionQuery } from './training.schema.ts';

const SessionFilters = SessionQuery.omit({ limit: true, offset: true });
const CompetenceFilters = CompetenceQuery.omit({ limit: true, offset: true });
type SessionRow = Awaited<ReturnType<typeof listTrainingSessions>>[number];
type CompetenceRow = Awaited<ReturnType<typeof listCompetences>>[number];
type RequirementRow = Awaited<ReturnType<typeof listRequirements>>[number];

const KIND = {
  town_centre: ['镇中心集中培训', 'At the town centre'],
  point_to_point: ['点对点培训', 'Point to point'],
} as const;

const nameOf = (item: { name: { zh: string; en: string } }, lang: ExportLanguage) =>
  lang === 'en' ? item.name.en || item.name.zh : item.name.zh;

export const TRAINING_SESSION_LIST_EXPORT: ListExport<typeof SessionFilters, SessionRow> = {
  list: '/training/sessions',
  tag: 'training',
  roles: TRAINING_READERS,
  filters: SessionFilters,
  sheet: { zh: '培训记录', en: 'Training sessions' },
  file: 'training-sessions',
  rows: ({ db, filters, actor, now }) =>
    offsetPages((limit, offset) =>
      listTrainingSessions(db, { ...filters, actor, now, limit, offset }),
    ),
  columns: [
    { zh: '日期', en: 'Held on', width: 12, value: (r) => r.heldOn },
    { zh: '形式', en: 'Kind', width: 14, value: (r, lang) => wordsOf(KIND, r.kind, lang) },
    { zh: '乡镇', en: 'Town code', width: 14, value: (r) => r.townCode },
    { zh: '服务站', en: 'Station', width: 20, value: (r) => r.station.name },
    { zh: '培训人', en: 'Trainer', width: 12, value: (r) => r.trainerName },
    {
      zh: '培训事项',
      en: 'Items',
      width: 30,
      value: (r, lang) => r.topicItems.map((i) => nameOf(i, lang)).join('、'),
    },
    { zh: '培训内容', en: 'Topic', width: 30, value: (r) => r.topicText },
    { zh: '参训人数', en: 'Attendees', width: 8, value: (r) => r.attendance.length },
    { zh: '记录人', en: 'Recorded by', width: 12, value: (r) => r.createdBy.displayName },
  ],
};

export const COMPETENCE_LIST_EXPORT: ListExport<typeof CompetenceFilters, CompetenceRow> = {
  list: '/training/competences',
  tag: 'training',
  roles: TRAINING_READERS,
  filters: CompetenceFilters,
  sheet: { zh: '业务能力', en: 'Competences' },
  file: 'competences',
  rows: ({ db, filters, actor, now }) =>
    offsetPages((limit, offset) => listCompetences(db, { ...filters, actor, now, limit, offset })),
  columns: [
    { zh: '人员', en: 'Person', width: 12, value: (r) => r.holder.displayName },
    { zh: '服务站', en: 'Station', width: 20, value: (r) => r.holder.stationName },
    { zh: '事项编码', en: 'Item code', width: 14, value: (r) => r.item.code },
    { zh: '事项', en: 'Item', width: 28, value: (r, lang) => nameOf(r.item, lang) },
    { zh: '认定人', en: 'Certified by', width: 12, value: (r) => r.certifiedBy.displayName },
    { zh: '认定日期', en: 'Certified on', width: 12, value: (r) => r.certifiedOn },
    { zh: '有效期至', en: 'Expires on', width: 12, value: (r) => r.expiresOn },
    { zh: '即将到期', en: 'Expiring soon', width: 8, value: (r) => r.expiringSoon },
    { zh: '状态', en: 'Status', width: 10, value: (r) => r.status },
    { zh: '撤销时间', en: 'Revoked at', width: 18, value: (r) => chinaDateTime(r.revokedAt) },
  ],
};

export const REQUIREMENT_LIST_EXPORT: ListExport<typeof RequirementQuery, RequirementRow> = {
  list: '/training/requirements',
  tag: 'training',
  roles: TRAINING_READERS,
  filters: RequirementQuery,
  sheet: { zh: '上岗要求', en: 'Requirements' },
  file: 'training-requirements',
  // Not paged: a town's items with a requirement.
  rows: ({ db, filters, actor, now }) =>
    wholeList(() => listRequirements(db, { ...filters, actor, now })),
  columns: [
    { zh: '乡镇', en: 'Town code', width: 14, value: (r) => r.townCode },
    { zh: '事项编码', en: 'Item code', width: 14, value: (r) => r.item.code },
    { zh: '事项', en: 'Item', width: 28, value: (r, lang) => nameOf(r.item, lang) },
    { zh: '要求持证', en: 'Required', width: 8, value: (r) => r.required },
    { zh: '持证人数', en: 'Competent holders', width: 10, value: (r) => r.competentHolders },
    { zh: '设置人', en: 'Set by', width: 12, value: (r) => r.setBy.displayName },
    { zh: '设置时间', en: 'Set at', width: 18, value: (r) => chinaDateTime(r.setAt) },
  ],
};

import { API_BASE, apiClient, must } from './client';
import type { Answer, QueryOf } from './contract';

/** CP-5 program figures (src/modules/programs/program-figures.*), named from the generated contract. */
export type ProgramFigures = Answer<'/api/v1/programs/figures'>;
export type ProgramFiguresQuery = QueryOf<'/api/v1/programs/figures'>;

export const programFigures = (query: ProgramFiguresQuery, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/programs/figures', { params: { query }, signal }));

/** The same figures as an Excel workbook, in the reader's language (a plain link: the session cookie). */
export function programFiguresXlsxUrl(query: ProgramFiguresQuery, language: string): string {
  const q = new URLSearchParams();
  if (query.regionCode) q.set('regionCode', query.regionCode);
  if (query.from) q.set('from', query.from);
  if (query.to) q.set('to', query.to);
  q.set('lang', language.startsWith('en') ? 'en' : 'zh-CN');
  return `${API_BASE}/programs/figures.xlsx?${q.toString()}`;
}

/**
 * GS-12: the extensions of a COMPETENCE_REQUIRED refusal (src/modules/training/competence-gate.ts)
 * read defensively from an ApiError: the item, competent colleagues, posts whose holder now is
 * competent, and the suggested hand-off receiver the intake page prefills its dialog with.
 */
import { isApiError } from './client';

export interface RefusalColleague {
  id: string;
  displayName: string;
  stationName: string | null;
}
export interface RefusalPost {
  id: string;
  name: string;
  stationName: string;
  holder: { id: string; displayName: string; slot: 'a' | 'b' };
}
export type SuggestedHandoff = { toPostId: string } | { toAccountId: string } | null;

export interface CompetenceRefusal {
  item: { code: string; name: { zh: string; en: string } };
  colleagues: RefusalColleague[];
  posts: RefusalPost[];
  suggestion: SuggestedHandoff;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function readColleagues(v: unknown): RefusalColleague[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((c) => ({
    id: str(c.id),
    displayName: str(c.displayName),
    stationName: typeof c.stationName === 'string' ? c.stationName : null,
  }));
}

function readPosts(v: unknown): RefusalPost[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter(isRecord)
    .filter((p) => isRecord(p.holder))
    .map((p) => {
      const h = p.holder as Record<string, unknown>;
      return {
        id: str(p.id),
        name: str(p.name),
        stationName: str(p.stationName),
        holder: {
          id: str(h.id),
          displayName: str(h.displayName),
          slot: h.slot === 'b' ? 'b' : 'a',
        },
      };
    });
}

function readSuggestion(v: unknown): SuggestedHandoff {
  if (!isRecord(v)) return null;
  if (typeof v.toPostId === 'string') return { toPostId: v.toPostId };
  if (typeof v.toAccountId === 'string') return { toAccountId: v.toAccountId };
  return null;
}

/** The refusal's facts, or null when the error is not a COMPETENCE_REQUIRED refusal. */
export function readCompetenceRefusal(error: unknown): CompetenceRefusal | null {
  if (!isApiError(error) || error.code !== 'COMPETENCE_REQUIRED') return null;
  const x = error.extensions;
  const item = isRecord(x.item) ? x.item : {};
  const name = isRecord(item.name) ? item.name : {};
  return {
    item: { code: str(item.code), name: { zh: str(name.zh), en: str(name.en) } },
    colleagues: readColleagues(x.competentColleagues),
    posts: readPosts(x.competentPosts),
    suggestion: readSuggestion(x.suggestedHandoff),
  };
}

/**
 * CP-1 the organiser's edits of a community's 小区 list, pure: each edit gives the whole new list
 * (the server replaces it) and, for a rename, the old and new name (so children and catchments
 * follow), or why it cannot be made. The server checks again.
 */
import type { NeighbourhoodsBody } from '../../api/programs';

export const MAX_NEIGHBOURHOODS = 30;
export const MAX_NAME = 40;

export type EditRefusal = 'empty' | 'tooLong' | 'duplicate' | 'tooMany';
export type Edit = { body: NeighbourhoodsBody } | { refusal: EditRefusal };

/** Spaces at either end never count; inner ones are the name's own. */
function checkName(
  names: string[],
  raw: string,
  except?: string,
): { name: string } | { refusal: EditRefusal } {
  const name = raw.trim();
  if (!name) return { refusal: 'empty' };
  if (name.length > MAX_NAME) return { refusal: 'tooLong' };
  if (names.some((n) => n === name && n !== except)) return { refusal: 'duplicate' };
  return { name };
}

export function addName(names: string[], raw: string): Edit {
  if (names.length >= MAX_NEIGHBOURHOODS) return { refusal: 'tooMany' };
  const checked = checkName(names, raw);
  if ('refusal' in checked) return checked;
  return { body: { names: [...names, checked.name], renames: [] } };
}

/** The new name takes the old one's place in the list. */
export function renameName(names: string[], from: string, raw: string): Edit {
  const checked = checkName(names, raw, from);
  if ('refusal' in checked) return checked;
  const to = checked.name;
  if (to === from) return { body: { names, renames: [] } };
  return { body: { names: names.map((n) => (n === from ? to : n)), renames: [{ from, to }] } };
}

export function removeName(names: string[], name: string): Edit {
  return { body: { names: names.filter((n) => n !== name), renames: [] } };
}

/** One place up (-1) or down (+1); the ends stay where they are. */
export function moveName(names: string[], name: string, by: -1 | 1): Edit {
  const i = names.indexOf(name);
  const j = i + by;
  if (i < 0 || j < 0 || j >= names.length) return { body: { names, renames: [] } };
  const next = [...names];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return { body: { names: next, renames: [] } };
}

/**
 * Issue #15 point 8: every list a page shows has its "导出 Excel" button. Read from the sources:
 * the lists the server exports (`list: '…'` of each ListExport in src/modules), the web's API
 * functions that GET one of them (web/src/api), and the page files calling such a function — each
 * must hold `<ExportButton listPath="<that list>">`, unless it is named below with its reason. A
 * list no page shows is named too, and the test fails when one gets a page (or a listed page its
 * button), so neither table goes stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** Pages calling a list's API that show it as something other than the list (list → file → why). */
const NOT_THE_LIST: Record<string, Record<string, string>> = {
  '/authorizations': {
    'web/src/pages/agents/ResidentAuthorizations.tsx':
      'one resident’s authorizations on their page',
  },
  '/posts': {
    'web/src/pages/firstresponse/HandoffDialog.tsx': 'a picker of posts to hand a matter to',
  },
  '/programs': {
    'web/src/pages/programs/OrganiserHome.tsx': 'the organiser’s home tiles, linking to /programs',
  },
  '/residents': {
    'web/src/pages/appointments/WalkInResident.tsx': 'a picker for the walk-in ticket',
    'web/src/pages/accounts/LinkPickers.tsx':
      'a picker of the resident record to link an account to',
  },
  '/volunteers': {
    'web/src/pages/accounts/LinkPickers.tsx':
      'a picker of the volunteer record to link an account to',
  },
  '/vs/teams': {
    'web/src/pages/volunteers/ListsPage.tsx': 'a picker of the provider team in the item form',
    'web/src/pages/volunteers/TeamForm.tsx': 'a picker of the parent team in the new-team form',
  },
  '/audit/events': {
    'web/src/pages/cases/CaseActionLog.tsx': 'one case’s history, part of its detail page',
  },
};

/** Exported lists no page shows (yet), and why. */
const NO_PAGE: Record<string, string> = {
  '/escalations':
    'escalations reach people as notifications and the supervisor’s workbook; no list page yet',
  '/ratings':
    'the ratings dashboard shows the month’s metrics (with its own month report export), not the individual ratings',
};

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && ext.test(d.name) && !d.name.includes('.test.'))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The list paths of every registered export (src/modules/**: `list: '/…'` in a ListExport). */
function exportedLists(): string[] {
  const lists = new Set<string>();
  for (const f of files('src/modules', /\.ts$/)) {
    const text = read(f);
    if (!text.includes('ListExport<')) continue;
    for (const m of text.matchAll(/\blist: '(\/[^']+)'/g)) lists.add(m[1]!);
  }
  return [...lists].sort();
}

/** API function name → the list path it GETs (web/src/api: `GET('/api/v1<path>'`). */
function listReaders(lists: readonly string[]): Map<string, string> {
  const readers = new Map<string, string>();
  for (const f of files('web/src/api', /\.ts$/)) {
    const chunks = read(f).split(/\n(?=export )/);
    for (const chunk of chunks) {
      const name = /^export (?:const|async function|function) (\w+)/.exec(chunk)?.[1];
      if (!name) continue;
      for (const m of chunk.matchAll(/\.GET\('\/api\/v1(\/[^']*?)(\/page)?'/g))
        if (lists.includes(m[1]!)) readers.set(name, m[1]!); // `<list>/page`: the same list by keyset
    }
  }
  return readers;
}

/** The list paths named in the file's `<ExportButton … />` elements. */
function buttonsIn(text: string): Set<string> {
  const paths = new Set<string>();
  for (const el of text.matchAll(/<ExportButton\b[\s\S]*?\/>/g))
    for (const m of el[0].matchAll(/['"](\/[a-z/-]+)['"]/g)) paths.add(m[1]!);
  return paths;
}

describe('#15 p8 every page showing an exportable list has its export button', () => {
  const lists = exportedLists();
  const readers = listReaders(lists);
  const sources = new Map(files('web/src', /\.tsx$/).map((f) => [f, read(f)]));
  const pages = files('web/src/pages', /\.tsx$/).map((file) => {
    const text = sources.get(file) ?? '';
    const shows = new Set<string>();
    for (const [fn, list] of readers) if (new RegExp(`\\b${fn}\\(`).test(text)) shows.add(list);
    // A page may hand its rows to a component of its own that draws the list and its button.
    const buttons = buttonsIn(text);
    for (const m of text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
      const child = sources.get(relative(ROOT, join(ROOT, dirname(file), `${m[1]!}.tsx`)));
      if (child !== undefined) for (const b of buttonsIn(child)) buttons.add(b);
    }
    return { file, shows, buttons };
  });

  it('reads the sources it checks', () => {
    expect(lists.length).toBeGreaterThanOrEqual(26);
    expect(lists).toContain('/cases');
    expect(readers.get('listResidents')).toBe('/residents');
    expect(readers.get('pageCases')).toBe('/cases'); // the list by keyset
    expect(buttonsIn('<ExportButton listPath="/cases" filters={{ box }} />')).toEqual(
      new Set(['/cases']),
    );
  });

  it('each page calling a list’s API shows that list’s ExportButton (or is named with why not)', () => {
    const missing: string[] = [];
    for (const p of pages)
      for (const list of p.shows)
        if (!p.buttons.has(list) && !NOT_THE_LIST[list]?.[p.file])
          missing.push(`${p.file} ${list}`);
    expect(missing).toEqual([]);
  });

  it('every exported list has a page with its button, or is named as having no page', () => {
    const covered = new Set(pages.flatMap((p) => [...p.buttons]));
    expect(lists.filter((l) => !covered.has(l) && !NO_PAGE[l])).toEqual([]);
    // Neither table goes stale: a named page still calls the list and has no button; a list
    // without a page still has none.
    const stale: string[] = [];
    for (const [list, byFile] of Object.entries(NOT_THE_LIST))
      for (const file of Object.keys(byFile)) {
        const p = pages.find((x) => x.file === file);
        if (!p?.shows.has(list) || p.buttons.has(list)) stale.push(`${file} ${list}`);
      }
    for (const list of Object.keys(NO_PAGE))
      if (covered.has(list) || pages.some((p) => p.shows.has(list))) stale.push(list);
    expect(stale).toEqual([]);
  });
});

/** Reference data: the service catalog and the working-day calendar (0002, 0003, 0012). */
import type { JsonText, Timestamp } from './columns.ts';

export interface CatalogItemTable {
  code: string;
  current_version: number;
  tier: 'base' | 'extra';
  category: string;
  name_zh: string;
  name_en: string;
  /** Names, aliases, pinyin and initials, lower-case, for LIKE search. */
  search_text: string;
  is_demo: number;
  active: number;
  /** Issue #15 point 9: null for a shared item; a town's own item ("+N") carries the town's code. */
  town_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogItemVersionTable {
  code: string;
  version: number;
  /** JSON: CatalogItem (never changed once written). */
  definition: JsonText;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CalendarOverrideTable {
  /** YYYY-MM-DD, a calendar date in China. */
  date: string;
  kind: 'workday' | 'holiday';
  note: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** GS-8: a year whose State Council holiday notice an administrator entered. */
export interface CalendarYearTable {
  year: number;
  note: string;
  entered_by: string | null;
  entered_at: Timestamp;
}

/** GS-8: one day off or make-up working day of an entered notice. */
export interface CalendarNoticeDayTable {
  /** YYYY-MM-DD, a calendar date in China. */
  date: string;
  year: number;
  kind: 'workday' | 'holiday';
  name_zh: string | null;
  name_en: string | null;
}

/** Issue #16: one row whose version a trigger renews on every write into the calendar tables. */
export interface CalendarVersionTable {
  id: number;
  version: string;
}

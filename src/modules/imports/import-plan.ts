/** The plan of an import as every kind reports it: per row, what it would do and why not. */
import type { ImportKind } from './import-columns.ts';
import type { ImportReason } from './import-reasons.ts';

export type RowAction = 'create' | 'change' | 'unchanged' | 'refused';

export interface PlannedRow {
  /** The row number in the workbook (headers are row 1). */
  row: number;
  action: Exclude<RowAction, 'unchanged'>;
  /** Who the row is about, masked (name and masked ID number). */
  who: string;
  /** The fields a change changes. */
  changes?: string[];
  reasons?: ImportReason[];
}

export interface ImportPlan {
  kind: ImportKind;
  /** Data rows read. */
  total: number;
  counts: Record<RowAction, number>;
  /** Every row that creates, changes or is refused (unchanged rows are only counted). */
  rows: PlannedRow[];
}

export interface ImportProgress {
  phase: 'read' | 'check' | 'write';
  done: number;
  total: number;
}
export type ProgressFn = (p: ImportProgress) => void;

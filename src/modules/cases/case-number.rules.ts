/**
 * Case numbers (GS-3, issue #16 point 3): one daily sequence per town, so two towns filing at once
 * never take the same counter row. The number carries the town:
 *
 *   `<9-digit town code>-<YYYYMMDD China day>-<7-digit sequence>`   e.g. `330106001-20261205-0000042`
 *
 * The 9 digits are the town's 12-digit division code without its 3 village digits (a station at a
 * district or city centre files under its own code's first 9 digits, e.g. `330106000`). Seven
 * digits hold 9,999,999 filings per town per day (past that the sequence simply grows longer, the
 * number stays unique). Numbers issued before (`YYYYMMDD-NNNNN`, one city-wide sequence) stay
 * valid for tracking and search.
 */
export const CASE_SEQUENCE_DIGITS = 7;

/** A number in either form: current (town-day-sequence) or legacy (day-sequence). */
export const CASE_NUMBER_PATTERN = /^(?:\d{9}-\d{8}-\d{7,}|\d{8}-\d{5,})$/;

/** The 9-digit short form of the town a region code belongs to. */
export function caseTownOf(regionCode: string): string {
  return regionCode.slice(0, 9);
}

/** The counter row one town's filings of one China day take. */
export function caseCounterName(regionCode: string, chinaDay: string): string {
  return `case:${caseTownOf(regionCode)}:${chinaDay.replaceAll('-', '')}`;
}

export function formatCaseNumber(regionCode: string, chinaDay: string, seq: number): string {
  const day = chinaDay.replaceAll('-', '');
  return `${caseTownOf(regionCode)}-${day}-${String(seq).padStart(CASE_SEQUENCE_DIGITS, '0')}`;
}

export function isCaseNumber(text: string): boolean {
  return CASE_NUMBER_PATTERN.test(text);
}

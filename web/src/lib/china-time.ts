/**
 * One China-time rule for every date the web shows (issue #11): a town's records are kept in
 * Beijing time, whatever the timezone of the phone or PC that reads them. Instants (ISO strings
 * with a zone) are shown in Asia/Shanghai; calendar days (YYYY-MM-DD) are shown as they are.
 */
export const CHINA_TZ = 'Asia/Shanghai';

/** "2026/3/11 00:30" (zh) or "11/03/2026, 00:30" (en) — an instant as a clock in China showed it. */
export function formatChinaDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: CHINA_TZ,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The China calendar day (YYYY-MM-DD) of an instant. */
export function chinaDay(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** A YYYY-MM-DD date in words, in the UI language ("2026年10月1日星期四", "Thursday, October 1, 2026"). */
export function formatIsoDate(
  iso: string,
  language: string,
  style: 'long' | 'longWithWeekday' | 'monthDay' = 'long',
): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'monthDay'
      ? { month: 'long', day: 'numeric' }
      : style === 'long'
        ? { year: 'numeric', month: 'long', day: 'numeric' }
        : { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' };
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(date);
}

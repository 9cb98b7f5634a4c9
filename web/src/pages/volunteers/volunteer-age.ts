/**
 * The age rules of VS-1 as the registration page explains them (the server decides): whole years
 * on today's date in China; under 14 refused; 14–17 need a guardian's consent.
 */
export type AgeRule = 'too_young' | 'minor' | 'adult';

export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let [month, day] = [bm, bd];
  if (bm === 2 && bd === 29 && !isLeap(ty)) [month, day] = [3, 1];
  return ty - by - (tm < month || (tm === month && td < day) ? 1 : 0);
}

export function ageRuleOf(age: number): AgeRule {
  if (age < 14) return 'too_young';
  if (age < 18) return 'minor';
  return 'adult';
}

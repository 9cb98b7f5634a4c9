/**
 * GS-10 the window a scheduled home visit is promised in: the day's morning or afternoon round.
 * Told to the resident as China times, language-neutral (the notification renders them). Pure.
 */
import type { HomeVisitWindow } from '../../db/schema.ts';

export const VISIT_WINDOWS = ['morning', 'afternoon'] as const satisfies readonly HomeVisitWindow[];

const TIMES: Record<HomeVisitWindow, { from: string; to: string }> = {
  morning: { from: '09:00', to: '12:00' },
  afternoon: { from: '14:00', to: '17:00' },
};

/** The window's China times ('HH:MM'); null (scheduled before windows existed): the whole day. */
export function windowTimes(w: HomeVisitWindow | null): { from: string; to: string } {
  return w ? TIMES[w] : { from: TIMES.morning.from, to: TIMES.afternoon.to };
}

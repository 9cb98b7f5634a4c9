/** CP-5 program figures: the query and the view (GET /programs/figures, /programs/figures.xlsx). */
import { z } from 'zod';
import { isDate } from '../records/figures.rules.ts';

const DateText = z.string().refine(isDate, 'a date YYYY-MM-DD');

export const ProgramFiguresQuery = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  from: DateText.optional(),
  to: DateText.optional(),
});

export const ProgramFiguresWorkbookQuery = ProgramFiguresQuery.extend({
  lang: z.enum(['zh-CN', 'en']).optional(),
});

const Rate = z.number().nullable();

export const ProgramFigureBlock = z.object({
  programs: z.number(),
  classes: z.number(),
  classesRun: z.number(),
  capacity: z.number(),
  enrolments: z.number(),
  childrenEnrolled: z.number(),
  fillRate: Rate,
  waitlisted: z.number(),
  offersMade: z.number(),
  offersAccepted: z.number(),
  offersDeclined: z.number(),
  offersExpired: z.number(),
  offersOutstanding: z.number(),
  offerAcceptance: Rate,
  childVisits: z.number(),
  volunteers: z.number(),
  volunteerHours: z.number(),
  latePickups: z.number(),
  /** Sessions with a moment below the class's staff:child ratio (actual check-ins). */
  ratioShortfallSessions: z.number(),
  /** Minutes below the ratio over those sessions. */
  ratioShortfallMinutes: z.number(),
});

export const ProgramFiguresView = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  totals: ProgramFigureBlock,
  /** One row per child region; `ownLevel`: programs held at the region itself. */
  children: z.array(
    ProgramFigureBlock.extend({ code: z.string(), name: z.string(), ownLevel: z.boolean() }),
  ),
  programs: z.array(
    ProgramFigureBlock.extend({
      id: z.string(),
      title: z.string(),
      organiserName: z.string(),
      venueName: z.string(),
      regionCode: z.string(),
    }),
  ),
});

/** The JSON columns of the program day as stored, parsed on the way out (#12 point 5). */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

export const parseWeekdays = (value: string): number[] =>
  parseJsonColumn(z.array(z.number().int()), value, 'program_classes.weekdays');

export const parseDaysOff = (value: string): string[] =>
  parseJsonColumn(z.array(z.string()), value, 'program_classes.days_off');

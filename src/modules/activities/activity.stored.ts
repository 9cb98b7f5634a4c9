/** The JSON an activity keeps in its row (#12 point 5): the skills it asks for. */
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';

export const parseActivitySkills = (value: string): string[] =>
  parseJsonColumn(z.array(z.string()), value, 'vs_activities.skills');

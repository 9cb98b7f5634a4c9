/** The JSON column of GS-11 posts as stored, parsed on the way out (#12 point 5). */
import { parseNullableJsonColumn } from '../../db/json-column.ts';
import { OpeningHoursSchema } from '../regions/regions.schema.ts';

export const parsePostHours = (value: string | null) =>
  parseNullableJsonColumn(OpeningHoursSchema, value, 'posts.opening_hours');

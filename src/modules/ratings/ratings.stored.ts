/** GS-13: the stored JSON of ratings, parsed on the way out (never a cast). */
import { z } from 'zod';

/** ratings.reason_codes: the reason codes given (any stored string is kept). */
export const StoredReasonCodes = z.array(z.string());

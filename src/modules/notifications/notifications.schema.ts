import { z } from 'zod';
import { AfterCursor } from '../../shared/keyset.ts';

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** Issue #11: the language of `text` (else Accept-Language, else Chinese). */
  lang: z.enum(['zh-CN', 'en']).optional(),
});

export const NotificationPageQuery = NotificationQuery.omit({ offset: true }).extend({
  after: AfterCursor,
});

export const NotificationView = z.object({
  id: z.string(),
  /** Issue #11: what happened (see src/modules/notifications/kinds.ts) and its parameters. */
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** The message rendered in the request's language, for clients without the web's texts. */
  text: z.object({ subject: z.string(), body: z.string() }),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/**
 * every list export is an audit event — who exported which list with which filters
 * (exports carry personal data). Plugged into the kernel's export port by server/app.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditActor } from '../../shared/actor.ts';
import type { ListExportEvent } from '../../shared/list-export/list-export.route.ts';
import { recordAudit } from './audit.service.ts';

export async function auditListExport(db: Kysely<Database>, event: ListExportEvent) {
  const grant = event.actor.grants
    .filter((g) => event.roles.includes(g.role))
    .sort((a, b) => a.reachPrefix.length - b.reachPrefix.length)[0];
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor: auditActor(event.actor, grant),
      action: 'list.exported',
      entityType: 'list',
      entityId: event.list,
      // The exporter's widest reach: readers whose scope covers it see the event.
      regionCode: grant?.reachPrefix ?? null,
      after: { filters: event.filters, lang: event.lang },
      requestId: event.requestId,
      now: event.now,
    }),
  );
}

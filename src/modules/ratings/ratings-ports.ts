/**
 * GS-13: what ratings plugs into other modules' ports, called once per app build by the
 * composition root (src/server/app.ts): the invitation when a case is finished or a home visit
 * done, the home visit as a rating subject, and the receipt's rating QR link. Registering again replaces (named listeners).
 */
import { onCaseFinished } from '../cases/case-finished.port.ts';
import { provideReceiptRatingLink } from '../documents/receipt-rating.port.ts';
import { onVisitDone } from '../home-visits/visit-done.port.ts';
import { resolveHomeVisit } from './home-visit-subject.ts';
import { inviteToRate } from './rating-invite.ts';
import { registerRatingSubject } from './rating-subjects.ts';
import { receiptRatingLink } from './receipt-rating-link.ts';

export function registerRatingPorts(deps: { publicUrl: string }): void {
  registerRatingSubject('home_visit', resolveHomeVisit);
  provideReceiptRatingLink(receiptRatingLink);
  onCaseFinished('ratings.invite', async (trx, e) => {
    await inviteToRate(trx, {
      subjectType: 'case',
      subjectId: e.caseId,
      pii: e.pii,
      publicUrl: deps.publicUrl,
      now: e.now,
    });
  });
  onVisitDone('ratings.invite', async (trx, e) => {
    await inviteToRate(trx, {
      subjectType: 'home_visit',
      subjectId: e.visit.id,
      pii: e.pii,
      publicUrl: deps.publicUrl,
      now: e.now,
    });
  });
}

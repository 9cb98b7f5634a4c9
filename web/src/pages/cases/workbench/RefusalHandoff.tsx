import { SendOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewCase } from '../../../api/case-types';
import type { CompetenceRefusal } from '../../../api/competence-refusal';
import { createInquiryHandedOn, type HandoffReceiver } from '../../../api/first-response';
import { localName } from '../case-format';
import { HandoffDialog, type HandoffTarget } from '../../firstresponse/HandoffDialog';

/**
 * GS-12 → GS-4: refused with COMPETENCE_REQUIRED, the clerk hands the resident's matter to a
 * competent colleague or post instead of turning the resident away. The dialog opens at once,
 * prefilled with the server's suggestion; on sending, the matter is recorded as an inquiry (the
 * clerk stays its first responder, 首问负责) and handed on in ONE request and one transaction
 * (issue #14: no orphan inquiry when the hand-off is refused or the network fails between); a
 * retry with the same receiver reuses the idempotency key and replays the stored answer.
 */
export function RefusalHandoff({
  refusal,
  body,
  onHandedOff,
}: {
  refusal: CompetenceRefusal;
  body: NewCase;
  onHandedOff: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(true);
  const itemName = localName(refusal.item.name, i18n.language) || refusal.item.code;
  const people = useMemo(
    () =>
      refusal.colleagues.map((c) => ({
        value: c.id,
        label: `${c.displayName} · ${c.stationName ?? t('firstresponse.referral.townCentre')} · ${t('firstresponse.referral.competent')}`,
      })),
    [refusal.colleagues, t],
  );
  const posts = useMemo(
    () =>
      refusal.posts.map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.stationName} · ${t('firstresponse.referral.holderNow', { name: p.holder.displayName, slot: p.holder.slot.toUpperCase() })}`,
      })),
    [refusal.posts, t],
  );
  const reason = t('firstresponse.referral.reason', { item: itemName, code: refusal.item.code });
  const s = refusal.suggestion;
  const initial: HandoffTarget | undefined = s
    ? 'toPostId' in s
      ? { to: 'post', toPostId: s.toPostId, reason }
      : { to: 'person', toAccountId: s.toAccountId, reason }
    : { to: 'person', reason };

  const deliver = async (handoff: HandoffReceiver, idempotencyKey: string) => {
    const inquiry = {
      channel: body.channel === 'phone' ? ('phone' as const) : ('walk_in' as const),
      residentId: body.residentId,
      itemCode: body.itemCode,
      ...(body.stationId ? { stationId: body.stationId } : {}),
      question: t('firstresponse.referral.question', { item: itemName }),
      answer: t('firstresponse.referral.answer'),
    };
    await createInquiryHandedOn({ inquiry, handoff }, idempotencyKey);
  };

  return (
    <div className="refusal-handoff" data-testid="refusal-handoff">
      <Alert
        type="info"
        showIcon
        title={t('firstresponse.referral.title')}
        description={s ? t('firstresponse.referral.help') : t('firstresponse.referral.nobody')}
        action={
          <Button
            icon={<SendOutlined aria-hidden />}
            onClick={() => setOpen(true)}
            data-testid="refusal-handoff-open"
          >
            {t('firstresponse.referral.open')}
          </Button>
        }
      />
      <HandoffDialog
        open={open}
        onClose={() => setOpen(false)}
        send={{ deliver }}
        initial={initial}
        people={people}
        posts={posts}
        intro={
          <p className="muted" data-testid="refusal-handoff-intro">
            {t('firstresponse.referral.intro', { item: itemName })}
          </p>
        }
        onDone={onHandedOff}
      />
    </div>
  );
}

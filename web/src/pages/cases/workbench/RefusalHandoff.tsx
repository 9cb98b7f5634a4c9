import { SendOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewCase } from '../../../api/case-types';
import type { CompetenceRefusal } from '../../../api/competence-refusal';
import { createInquiry } from '../../../api/first-response';
import { createIdempotencyKeeper } from '../../../lib/idempotency';
import { localName } from '../case-format';
import { HandoffDialog, type HandoffTarget } from '../../firstresponse/HandoffDialog';

/**
 * GS-12 → GS-4: refused with COMPETENCE_REQUIRED, the clerk hands the resident's matter to a
 * competent colleague or post instead of turning the resident away. The dialog opens at once,
 * prefilled with the server's suggestion; on sending, the matter is recorded as an inquiry (the
 * clerk stays its first responder, 首问负责) and handed on. The inquiry is created once and reused
 * if the hand-off must be retried; if the hand-off fails for good it stays in the clerk's
 * inquiries, from where it can still be handed on.
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
  const inquiryId = useRef<string | null>(null);
  const keeper = useRef(createIdempotencyKeeper()).current;
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

  const matter = async () => {
    if (!inquiryId.current) {
      const inquiry = {
        channel: body.channel === 'phone' ? ('phone' as const) : ('walk_in' as const),
        residentId: body.residentId,
        itemCode: body.itemCode,
        ...(body.stationId ? { stationId: body.stationId } : {}),
        question: t('firstresponse.referral.question', { item: itemName }),
        answer: t('firstresponse.referral.answer'),
      };
      inquiryId.current = (await createInquiry(inquiry, keeper.keyFor(inquiry))).id;
    }
    return { entityType: 'inquiry' as const, entityId: inquiryId.current };
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
        matter={matter}
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

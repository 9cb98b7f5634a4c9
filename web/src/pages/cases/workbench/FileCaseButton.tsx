import { FileDoneOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, NewCase } from '../../../api/case-types';
import { fileCase } from '../../../api/cases';
import { isApiError } from '../../../api/client';
import { readCompetenceRefusal } from '../../../api/competence-refusal';
import { errorText } from '../../../lib/errors';
import { createIdempotencyKeeper } from '../../../lib/idempotency';
import { caseItem } from '../../../offline/outbox-items';
import { submitOrQueue } from '../../../offline/outbox-runtime';
import { useMe } from '../../../session/session-context';
import { useAction } from '../../../lib/use-action';
import { RefusalHandoff } from './RefusalHandoff';

/** The server's detail when it is words (CASE_OUTSIDE_SCOPE's detail is a bare region code). */
const readableDetail = (error: unknown) =>
  isApiError(error) && error.detail && !/^\d+$/.test(error.detail) ? error.detail : undefined;

/**
 * Step 5: file. The Idempotency-Key stays the same while the body does, so a double click or a
 * retry after a dropped connection files one case, not two.
 */
export function FileCaseButton({
  body,
  complete,
  blockedBy,
  label,
  onFiled,
  onQueued,
  onHandedOff,
}: {
  /** GS-12: refused for competence, the matter was handed to a competent colleague or post. */
  onHandedOff: () => void;
  body: NewCase | null;
  /** The outbox's line for this case when the network is cut (masked name and item). */
  label: string;
  /** Filed during a network cut: kept in the outbox, the clerk goes on with the next one. */
  onQueued: () => void;
  complete: boolean;
  /** Why filing is not possible yet (no applicant, no item), or null. */
  blockedBy: string | null;
  /** May be async (e.g. linking the case to its queue ticket); a failure shows as the error. */
  onFiled: (filed: CaseView) => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const keeper = useRef(createIdempotencyKeeper());

  const file = useAction(async (filed: NonNullable<typeof body>) => {
    const key = keeper.current.keyFor(filed);
    let outcome;
    try {
      outcome = await submitOrQueue({
        owner: me.id,
        item: caseItem({ body: filed, idempotencyKey: key, label }),
        send: () => fileCase(filed, key),
      });
    } catch (e) {
      // A refusal is final for this body; a network error keeps the key for the retry.
      if (isApiError(e) && e.status >= 400 && e.status < 500) keeper.current.reset();
      throw e;
    }
    // Sent: what follows the filing (a ticket's link) runs before the key is let go, so a retry
    // after it failed replays the same case instead of filing a second one.
    if (outcome.status === 'sent') {
      await onFiled(outcome.result);
      keeper.current.reset();
      return;
    }
    keeper.current.reset();
    void message.warning(t('offline.queued'));
    onQueued();
  });
  const { busy, error } = file;
  const refusal = readCompetenceRefusal(error);
  const submit = () => {
    if (body) void file.run(body);
  };

  return (
    <div className="file-case">
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="wb-file-error"
          title={errorText(t, error)}
          description={readableDetail(error)}
        />
      )}
      {refusal && body && (
        <RefusalHandoff
          key={`${body.residentId}:${body.itemCode}`}
          refusal={refusal}
          body={body}
          onHandedOff={() => {
            file.clearError();
            onHandedOff();
          }}
        />
      )}
      <Button
        data-testid="wb-file"
        type="primary"
        size="large"
        block
        icon={<FileDoneOutlined aria-hidden />}
        disabled={body === null}
        loading={busy}
        onClick={submit}
      >
        {complete ? t('cases.workbench.fileComplete') : t('cases.workbench.fileIncomplete')}
      </Button>
      {blockedBy && <p className="muted file-case-blocked">{blockedBy}</p>}
    </div>
  );
}

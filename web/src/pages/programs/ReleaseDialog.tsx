import { Alert, Input, Modal, Radio, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { releaseChild, type DayChild } from '../../api/programs-day';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';

/**
 * CP-3 the hand-over at the door: the day's code from the guardian's slip (or the child's tag),
 * the person who came and the name they give. The server decides; a refusal (wrong code, a person
 * not authorised, one the guardian barred) is shown plainly in red and the child stays.
 */
export function ReleaseDialog({
  child,
  onClose,
  onReleased,
}: {
  child: DayChild;
  onClose: () => void;
  onReleased: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const [presentedName, setPresentedName] = useState('');
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const persons = child.pickupPersons.filter((p) => !p.revoked);

  const release = useAction(async () => {
    if (!personId) return;
    const person = persons.find((p) => p.id === personId);
    const body = {
      code: code.trim(),
      personId,
      presentedName: presentedName.trim() || person?.name || '',
    };
    try {
      await releaseChild(child.id, body, keeper.keyFor({ id: child.id, body }));
    } finally {
      keeper.reset();
    }
    onReleased();
  });

  return (
    <Modal
      open
      title={t('programs.day.release.title', { name: child.childName })}
      okText={t('programs.day.release.confirm')}
      okButtonProps={{
        disabled: code.trim().length < 2 || !personId,
        'data-testid': 'release-submit',
      }}
      confirmLoading={release.busy}
      onOk={() => void release.run()}
      onCancel={onClose}
      destroyOnHidden
    >
      <div className="release-form">
        {release.error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="release-refused"
            data-testid="release-refused"
            title={t('programs.day.release.refused')}
            description={errorText(t, release.error)}
          />
        )}
        <label htmlFor="release-code">{t('programs.day.release.code')}</label>
        <Input
          id="release-code"
          data-testid="release-code"
          size="large"
          autoComplete="off"
          maxLength={12}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            release.clearError();
          }}
        />
        <p className="program-facts">{t('programs.day.release.codeHint')}</p>
        <fieldset className="release-persons">
          <legend>{t('programs.day.release.person')}</legend>
          {persons.length === 0 && <p>{t('programs.day.release.noPersons')}</p>}
          <Radio.Group
            value={personId}
            onChange={(e) => {
              setPersonId(e.target.value as string);
              release.clearError();
            }}
          >
            {persons.map((p) => (
              <Radio key={p.id} value={p.id} data-testid={`release-person-${p.name}`}>
                <span className="release-person">
                  {p.name} · {p.relation}
                  {p.phoneMasked && ` · ${p.phoneMasked}`}
                  {p.kind === 'blocked' && (
                    <Tag color="red">{t('programs.day.release.blocked')}</Tag>
                  )}
                </span>
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>
        <label htmlFor="release-name">{t('programs.day.release.presentedName')}</label>
        <Input
          id="release-name"
          data-testid="release-name"
          size="large"
          maxLength={40}
          value={presentedName}
          placeholder={persons.find((p) => p.id === personId)?.name}
          onChange={(e) => setPresentedName(e.target.value)}
        />
      </div>
    </Modal>
  );
}

/**
 * GS-10 on the resident's page (staff, capability `residents.login`): 开通手机登录 — the resident's
 * own phone login (SMS code), linked to their record, so they can book and file online. Shows the
 * answer (the masked phone) or the server's problem (a login already exists, the phone is taken).
 */
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createResidentLogin } from '../../api/residents';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';

export function ResidentLoginCard({
  residentId,
  onCreated,
}: {
  residentId: string;
  onCreated?: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const creating = useAction(async () => {
    const body = { residentId, phone: phone.trim() };
    const created = await createResidentLogin(residentId, body.phone, keeper.keyFor(body));
    keeper.reset();
    setDone(created.phoneMasked);
    setOpen(false);
    onCreated?.();
  });
  return (
    <Card title={t('residents.login.title')} data-testid="resident-login" style={{ marginTop: 16 }}>
      {done !== null ? (
        <Alert
          type="success"
          showIcon
          data-testid="resident-login-done"
          message={t('residents.login.done', { phone: done })}
        />
      ) : open ? (
        <Form
          layout="vertical"
          onFinish={() => void creating.run()}
          data-testid="resident-login-form"
        >
          <Form.Item
            label={`${t('residents.login.phone')}（${t('residents.login.phoneHint')}）`}
            htmlFor="resident-login-phone"
          >
            <Input
              id="resident-login-phone"
              data-testid="resident-login-phone"
              inputMode="numeric"
              autoComplete="off"
              maxLength={13}
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </Form.Item>
          {creating.error !== null && (
            <Alert
              type="error"
              showIcon
              data-testid="resident-login-error"
              message={errorText(t, creating.error)}
              style={{ marginBottom: 12 }}
            />
          )}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={creating.busy}
              disabled={phone.trim().length < 11}
              data-testid="resident-login-submit"
            >
              {t('residents.login.submit')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('residents.login.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Space direction="vertical">
          <Typography.Text>{t('residents.login.intro')}</Typography.Text>
          <Button data-testid="resident-login-open" onClick={() => setOpen(true)}>
            {t('residents.login.create')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

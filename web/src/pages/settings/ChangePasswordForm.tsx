import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { changePassword } from '../../api/auth';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';

/** the server's rule (it also refuses common passwords: PASSWORD_TOO_COMMON). */
const MIN_LENGTH = 12;

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** `onChanged`: after a successful change (the first-password page then reads the account again). */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => Promise<void> } = {}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const [done, setDone] = useState(false);
  const change = useAction(async (values: PasswordValues) => {
    setDone(false);
    try {
      await changePassword(values.currentPassword, values.newPassword);
    } catch (e) {
      // Errors about one field are shown at the field; anything else above the button.
      if (isApiError(e) && e.code === 'WRONG_PASSWORD') {
        form.setFields([{ name: 'currentPassword', errors: [e.title] }]);
        form.focusField('currentPassword');
      } else if (isApiError(e) && e.code === 'PASSWORD_TOO_COMMON') {
        form.setFields([{ name: 'newPassword', errors: [t('password.tooCommon')] }]);
        form.focusField('newPassword');
      } else if (isApiError(e) && e.code === 'WEAK_PASSWORD') {
        form.setFields([{ name: 'newPassword', errors: [e.title] }]);
        form.focusField('newPassword');
      } else throw e;
      return;
    }
    form.resetFields();
    setDone(true);
    await onChanged?.();
  });
  const submit = (values: PasswordValues) => void change.run(values);
  const busy = change.busy;
  const error = change.error === null ? null : errorText(t, change.error);

  return (
    <Form<PasswordValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      className="password-form"
      requiredMark={false}
    >
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.rule', { min: MIN_LENGTH })}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_LENGTH, message: t('password.rule', { min: MIN_LENGTH }) },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) {
                throw new Error(t('password.mismatch'));
              }
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      {done && (
        <Alert
          type="success"
          showIcon
          title={t('password.changed')}
          className="form-alert"
          role="status"
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
        {t('password.submit')}
      </Button>
    </Form>
  );
}

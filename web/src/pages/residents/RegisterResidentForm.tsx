import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { registerResident } from '../../api/residents';
import type { NewResident, Region, Resident } from '../../api/types';
import { errorText, fieldOfPath } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { checkIdNumber, normaliseIdInput } from '../../lib/id-number';
import { HomeVillagePicker } from './HomeVillagePicker';

interface RegisterValues {
  idNumber: string;
  fullName: string;
  phone?: string;
  homeRegionCode?: string;
  address: string;
}

type Field = keyof RegisterValues;

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Which field a server refusal is about. */
const FIELD_OF_CODE: Record<string, Field> = {
  ID_NUMBER_FORMAT: 'idNumber',
  ID_NUMBER_CHECK_DIGIT: 'idNumber',
  ID_NUMBER_BIRTH_DATE: 'idNumber',
  RESIDENT_EXISTS: 'idNumber',
  RESIDENT_REGISTERED_ELSEWHERE: 'idNumber',
  UNKNOWN_REGION: 'homeRegionCode',
  REGION_NOT_VILLAGE: 'homeRegionCode',
  OUT_OF_SCOPE: 'homeRegionCode',
};

const FIELDS: readonly Field[] = ['idNumber', 'fullName', 'phone', 'homeRegionCode', 'address'];
const isField = (name: string | undefined): name is Field =>
  name !== undefined && (FIELDS as readonly string[]).includes(name);

/** Register a resident. Client-side checks first; the server's refusals land on their field. */
export function RegisterResidentForm({
  rootCode,
  initialIdNumber,
  onRegistered,
  onCancel,
}: {
  rootCode: string;
  initialIdNumber: string;
  onRegistered: (resident: Resident) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterValues>();
  const keeper = useRef(createIdempotencyKeeper());
  const [formError, setFormError] = useState<string | null>(null);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const parsed = checkIdNumber(idNumber);

  const onPathChange = (path: Region[]) => {
    if (path.length > 0 && !form.getFieldValue('address')) {
      form.setFieldValue('address', path.map((r) => r.name).join(''));
    }
  };

  const submit = (values: RegisterValues) => {
    const body: NewResident = {
      idNumber: normaliseIdInput(values.idNumber),
      fullName: values.fullName.trim(),
      homeRegionCode: values.homeRegionCode ?? '',
      address: values.address.trim(),
      ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    };
    setFormError(null);
    void register.run(body);
  };
  // Refusals go to the fields they are about, the rest above the button.
  const register = useAction(async (body: NewResident) => {
    try {
      const resident = await registerResident(body, keeper.current.keyFor(body));
      keeper.current.reset();
      onRegistered(resident);
    } catch (error) {
      if (!isApiError(error)) {
        setFormError(errorText(t, error));
        return;
      }
      const field = FIELD_OF_CODE[error.code];
      if (field) {
        form.setFields([{ name: field, errors: [error.title] }]);
        form.focusField(field);
        return;
      }
      const fieldErrors = error.errors
        .map((e) => fieldOfPath(e.path))
        .filter(isField)
        .map((name) => ({ name, errors: [t(`register.invalid.${name}`)] }));
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      setFormError(errorText(t, error));
    }
  });

  return (
    <Form<RegisterValues>
      form={form}
      layout="vertical"
      className="register-form"
      initialValues={{ idNumber: initialIdNumber }}
      onFinish={submit}
      scrollToFirstError
      requiredMark="optional"
    >
      <h2 className="form-title">
        <UserAddOutlined aria-hidden /> {t('register.title')}
      </h2>
      <Form.Item
        name="idNumber"
        label={t('register.idNumber')}
        normalize={(v: string) => normaliseIdInput(v ?? '')}
        extra={
          parsed.ok
            ? t('register.derived', {
                birthDate: parsed.birthDate,
                sex: t(`resident.sex.${parsed.sex}`),
              })
            : t('register.idNumberHelp')
        }
        validateTrigger={['onChange', 'onBlur']}
        rules={[
          { required: true, message: t('register.required.idNumber'), validateTrigger: 'onChange' },
          {
            validateTrigger: 'onBlur',
            validator: async (_rule, v: string | undefined) => {
              if (!v) return;
              const check = checkIdNumber(v);
              if (!check.ok) throw new Error(t(`idNumber.${check.problem}`));
            },
          },
        ]}
      >
        <Input
          data-testid="register-id-number"
          className="id-input"
          autoComplete="off"
          spellCheck={false}
          autoFocus={initialIdNumber === ''}
        />
      </Form.Item>
      <Form.Item
        name="fullName"
        label={t('register.fullName')}
        rules={[
          { required: true, whitespace: true, message: t('register.required.fullName') },
          { max: 50, message: t('register.invalid.fullName') },
        ]}
      >
        <Input
          data-testid="register-full-name"
          autoComplete="off"
          autoFocus={initialIdNumber !== ''}
        />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('register.phone')}
        extra={t('register.phoneHelp')}
        validateTrigger={['onChange', 'onBlur']}
        rules={[
          { pattern: PHONE, message: t('register.invalid.phone'), validateTrigger: 'onBlur' },
        ]}
      >
        <Input data-testid="register-phone" inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="homeRegionCode"
        label={t('register.homeRegion')}
        extra={t('register.homeRegionHelp')}
        rules={[{ required: true, message: t('register.required.homeRegionCode') }]}
      >
        <HomeVillagePicker rootCode={rootCode} onPathChange={onPathChange} />
      </Form.Item>
      <Form.Item
        name="address"
        label={t('register.address')}
        rules={[
          { required: true, whitespace: true, message: t('register.required.address') },
          { max: 200, message: t('register.invalid.address') },
        ]}
      >
        <Input data-testid="register-address" autoComplete="off" />
      </Form.Item>
      {formError && (
        <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />
      )}
      <div className="form-actions">
        <Button onClick={onCancel} disabled={register.busy}>
          {t('common.cancel')}
        </Button>
        <Button
          data-testid="register-submit"
          type="primary"
          htmlType="submit"
          loading={register.busy}
        >
          {t('register.submit')}
        </Button>
      </div>
    </Form>
  );
}

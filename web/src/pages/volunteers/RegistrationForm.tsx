import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  registerOnBehalf,
  registerSelf,
  type Availability,
  type ConsentMethod,
  type Registration,
  type Volunteer,
} from '../../api/volunteers';
import { errorText, fieldOfPath } from '../../lib/errors';
import { checkIdNumber, normaliseIdInput } from '../../lib/id-number';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { HomeVillagePicker } from '../residents/HomeVillagePicker';
import { AvailabilityPicker } from './AvailabilityPicker';
import { ageOn, ageRuleOf, chinaToday } from './volunteer-age';

interface Values {
  idNumber: string;
  fullName: string;
  phone?: string;
  homeRegionCode?: string;
  skills: string[];
  availability: Availability;
  guardianName?: string;
  relation?: string;
  guardianPhone?: string;
  method?: ConsentMethod;
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const FIELD_OF_CODE: Record<string, keyof Values> = {
  ID_NUMBER_FORMAT: 'idNumber',
  ID_NUMBER_CHECK_DIGIT: 'idNumber',
  ID_NUMBER_BIRTH_DATE: 'idNumber',
  VOLUNTEER_TOO_YOUNG: 'idNumber',
  VOLUNTEER_ALREADY_REGISTERED: 'idNumber',
  VOLUNTEER_GUARDIAN_CONSENT_REQUIRED: 'guardianName',
  UNKNOWN_REGION: 'homeRegionCode',
  VOLUNTEER_REGION_INVALID: 'homeRegionCode',
  OUT_OF_SCOPE: 'homeRegionCode',
};
const SKILL_SUGGESTIONS = [
  '理发',
  '陪伴聊天',
  '护理',
  '急救',
  '政策宣讲',
  '直播带货',
  '短视频剪辑',
  '法律咨询',
  '文艺演出',
  '辅导作业',
];

/**
 * Real-name volunteer registration (VS-1): by oneself (`mode: 'self'`) or by centre staff for
 * someone else. The age rules are shown before anything is typed and applied as the ID is typed.
 */
export function RegistrationForm({
  mode,
  rootCode,
  onRegistered,
  onCancel,
}: {
  mode: 'self' | 'staff';
  rootCode: string;
  onRegistered: (v: Volunteer) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const keeper = useRef(createIdempotencyKeeper());
  const [formError, setFormError] = useState<string | null>(null);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const parsed = checkIdNumber(idNumber);
  const age = parsed.ok ? ageOn(parsed.birthDate, chinaToday(new Date())) : null;
  const rule = age === null ? null : ageRuleOf(age);

  const register = useAction(async (body: Registration) => {
    setFormError(null);
    const send = mode === 'self' ? registerSelf : registerOnBehalf;
    try {
      const created = await send(body, keeper.current.keyFor(body));
      keeper.current.reset();
      form.resetFields();
      onRegistered(created);
    } catch (error) {
      if (!isApiError(error)) return setFormError(errorText(t, error));
      const field = FIELD_OF_CODE[error.code];
      if (field) {
        form.setFields([{ name: field, errors: [error.title] }]);
        form.focusField(field);
        return;
      }
      const fields = error.errors.map((e) => fieldOfPath(e.path)).filter((f): f is string => !!f);
      setFormError(
        fields.length > 0 ? `${errorText(t, error)}（${fields.join(', ')}）` : errorText(t, error),
      );
    }
  });

  const submit = (v: Values) => {
    const body: Registration = {
      idNumber: normaliseIdInput(v.idNumber),
      fullName: v.fullName.trim(),
      homeRegionCode: v.homeRegionCode ?? '',
      skills: v.skills ?? [],
      serviceRegionCodes: [],
      availability: v.availability ?? { weekdays: [], parts: [] },
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      ...(rule === 'minor'
        ? {
            guardianConsent: {
              guardianName: (v.guardianName ?? '').trim(),
              relation: (v.relation ?? '').trim(),
              guardianPhone: (v.guardianPhone ?? '').trim(),
              method: v.method ?? 'signed_form',
            },
          }
        : {}),
    };
    void register.run(body);
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="vs-form"
      onFinish={submit}
      scrollToFirstError
      requiredMark="optional"
      initialValues={{ skills: [], availability: { weekdays: [6, 7], parts: ['am'] } }}
    >
      <Alert
        type="info"
        showIcon
        className="vs-rules"
        data-testid="vs-age-rules"
        title={t('volunteers.register.rulesTitle')}
        description={
          <ul>
            <li>{t('volunteers.register.ruleRealName')}</li>
            <li>{t('volunteers.register.ruleUnder14')}</li>
            <li>{t('volunteers.register.ruleMinor')}</li>
          </ul>
        }
      />
      <Form.Item
        name="idNumber"
        label={t('volunteers.register.idNumber')}
        normalize={(v: string) => normaliseIdInput(v ?? '')}
        extra={
          parsed.ok && age !== null
            ? t('volunteers.register.derived', { age, birthDate: parsed.birthDate })
            : t('volunteers.register.idHelp')
        }
        validateTrigger={['onChange', 'onBlur']}
        rules={[
          {
            required: true,
            message: t('volunteers.register.required'),
            validateTrigger: 'onChange',
          },
          {
            validateTrigger: 'onBlur',
            validator: async (_r, v: string | undefined) => {
              if (!v) return;
              const check = checkIdNumber(v);
              if (!check.ok) throw new Error(t(`idNumber.${check.problem}`));
            },
          },
        ]}
      >
        <Input
          data-testid="vs-id-number"
          className="id-input"
          autoComplete="off"
          spellCheck={false}
        />
      </Form.Item>
      {rule === 'too_young' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="vs-too-young"
          className="form-alert"
          title={t('volunteers.register.tooYoung')}
        />
      )}
      <Form.Item
        name="fullName"
        label={t('volunteers.register.fullName')}
        rules={[{ required: true, whitespace: true, message: t('volunteers.register.required') }]}
      >
        <Input data-testid="vs-full-name" autoComplete="name" maxLength={50} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('volunteers.register.phone')}
        extra={t('volunteers.register.phoneHelp')}
        rules={[{ pattern: PHONE, message: t('volunteers.register.phoneInvalid') }]}
      >
        <Input data-testid="vs-phone" inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="homeRegionCode"
        label={t('volunteers.register.home')}
        rules={[{ required: true, message: t('volunteers.register.required') }]}
      >
        <HomeVillagePicker rootCode={rootCode} />
      </Form.Item>
      <Form.Item
        name="skills"
        label={t('volunteers.register.skills')}
        extra={t('volunteers.register.skillsHelp')}
      >
        <Select
          mode="tags"
          data-testid="vs-skills"
          tokenSeparators={[',', '，', '、']}
          options={SKILL_SUGGESTIONS.map((s) => ({ value: s, label: s }))}
          maxCount={20}
        />
      </Form.Item>
      <Form.Item name="availability" label={t('volunteers.register.availability')}>
        <AvailabilityPicker />
      </Form.Item>
      {rule === 'minor' && (
        <fieldset className="vs-consent" data-testid="vs-consent">
          <legend>{t('volunteers.consent.title')}</legend>
          <p className="vs-consent-why">{t('volunteers.consent.why', { age: age ?? 0 })}</p>
          <Form.Item
            name="guardianName"
            label={t('volunteers.consent.guardianName')}
            rules={[
              { required: true, whitespace: true, message: t('volunteers.register.required') },
            ]}
          >
            <Input data-testid="vs-guardian-name" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="relation"
            label={t('volunteers.consent.relation')}
            rules={[
              { required: true, whitespace: true, message: t('volunteers.register.required') },
            ]}
          >
            <Input
              data-testid="vs-guardian-relation"
              maxLength={20}
              placeholder={t('volunteers.consent.relationHint')}
            />
          </Form.Item>
          <Form.Item
            name="guardianPhone"
            label={t('volunteers.consent.guardianPhone')}
            rules={[
              { required: true, message: t('volunteers.register.required') },
              { pattern: PHONE, message: t('volunteers.register.phoneInvalid') },
            ]}
          >
            <Input data-testid="vs-guardian-phone" inputMode="tel" />
          </Form.Item>
          <Form.Item
            name="method"
            label={t('volunteers.consent.method')}
            rules={[{ required: true, message: t('volunteers.register.required') }]}
          >
            <Radio.Group
              data-testid="vs-guardian-method"
              options={(['signed_form', 'in_person', 'phone'] as const).map((m) => ({
                value: m,
                label: t(`volunteers.consent.methods.${m}`),
              }))}
            />
          </Form.Item>
        </fieldset>
      )}
      {formError && (
        <Alert type="error" showIcon role="alert" title={formError} className="form-alert" />
      )}
      <div className="form-actions">
        {onCancel && (
          <Button onClick={onCancel} disabled={register.busy}>
            {t('common.cancel')}
          </Button>
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          loading={register.busy}
          disabled={rule === 'too_young'}
          data-testid="vs-register-submit"
        >
          {mode === 'self'
            ? t('volunteers.register.submitSelf')
            : t('volunteers.register.submitStaff')}
        </Button>
      </div>
    </Form>
  );
}

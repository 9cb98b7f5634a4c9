import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  CaseAction,
  CaseResult,
  CaseView,
  CatalogMaterial,
  DeliveryMethod,
  SupplementKind,
  TransitionRequest,
} from '../../api/case-types';
import { transitionCase } from '../../api/cases';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { localName } from './case-format';
import { useAction } from '../../lib/use-action';

/** Actions whose guard is 'reason_required' (src/modules/cases/case.workflow.ts). */
const NEEDS_REASON: ReadonlySet<CaseAction> = new Set([
  'refuse',
  'request_supplement',
  'forward',
  'suspend',
  'withdraw',
]);
/** Actions that end or undo something: the confirm button is red. */
const DANGEROUS: ReadonlySet<CaseAction> = new Set(['refuse', 'withdraw', 'suspend']);

interface ActionValues {
  reason?: string;
  presented?: string[];
  kind?: SupplementKind;
  materialKey?: string;
  result?: CaseResult;
  resultText?: string;
  deliveryMethod?: DeliveryMethod;
  postalAddress?: string;
  recipientPhone?: string;
}

function requestOf(action: CaseAction, version: number, v: ActionValues): TransitionRequest {
  const request: TransitionRequest = { action, expectedVersion: version };
  if (NEEDS_REASON.has(action) && v.reason?.trim()) request.reason = v.reason.trim();
  if (action === 'supplement') request.presented = v.presented ?? [];
  if (action === 'request_supplement') {
    if (v.kind) request.kind = v.kind;
    if (v.materialKey) request.materialKey = v.materialKey;
  }
  if (action === 'decide') {
    if (v.result) request.result = v.result;
    if (v.resultText?.trim()) request.resultText = v.resultText.trim();
  }
  if (action === 'deliver') {
    request.deliveryMethod = v.deliveryMethod ?? 'station';
    if (request.deliveryMethod === 'post') {
      request.postalAddress = v.postalAddress?.trim() ?? '';
      if (v.recipientPhone?.trim()) request.recipientPhone = v.recipientPhone.trim();
    }
  }
  return request;
}

/** supplement: tick what the applicant brought now, out of what the case waits for now. */
function SupplementFields({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const open = view.missingNow;
  const form = Form.useFormInstance<ActionValues>();
  const ticked = Form.useWatch('presented', form) ?? [];
  const stillMissing = open.filter((m) => m.blocking && !ticked.includes(m.key));
  return (
    <>
      <Form.Item
        name="presented"
        label={t('cases.actionForm.materials')}
        rules={[
          {
            required: true,
            type: 'array',
            min: 1,
            message: t('cases.actionForm.materialsRequired'),
          },
        ]}
      >
        <Checkbox.Group className="action-materials">
          {open.map((m) => (
            <Checkbox key={m.key} value={m.key} data-testid={`action-material-${m.key}`}>
              {localName(m.name, i18n.language)}
              {m.blocking && (
                <strong className="action-required"> · {t('cases.common.required')}</strong>
              )}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      {ticked.length > 0 && stillMissing.length > 0 && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('cases.actionForm.stillMissing', {
            list: stillMissing.map((m) => localName(m.name, i18n.language)).join('、'),
          })}
        />
      )}
    </>
  );
}

/** request_supplement: only a material from the notice, or a presented one found defective. */
function RequestSupplementFields({
  view,
  materials,
  kind,
}: {
  view: CaseView;
  materials: readonly CatalogMaterial[];
  kind: SupplementKind | undefined;
}) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance<ActionValues>();
  const nameOf = (key: string) => {
    const m =
      materials.find((x) => x.key === key) ?? view.notice.missing.find((x) => x.key === key);
    return m ? localName(m.name, i18n.language) : key;
  };
  const keys =
    kind === 'defective'
      ? view.presented.filter((k) => materials.some((m) => m.key === k))
      : view.notice.missing.map((m) => m.key).filter((k) => !view.presented.includes(k));
  return (
    <>
      <Form.Item name="kind" label={t('cases.actionForm.kind')} rules={[{ required: true }]}>
        <Radio.Group
          className="action-kind"
          onChange={() => form.setFieldValue('materialKey', undefined)}
        >
          <Radio value="missing" data-testid="action-kind-missing">
            {t('cases.actionForm.kindMissing')}
          </Radio>
          <Radio value="defective" data-testid="action-kind-defective">
            {t('cases.actionForm.kindDefective')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'defective' && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('cases.actionForm.kindDefectiveWarning')}
        />
      )}
      <Form.Item
        name="materialKey"
        label={t('cases.actionForm.material')}
        rules={[{ required: true, message: t('cases.actionForm.materialRequired') }]}
      >
        <Select<string>
          data-testid="action-material"
          notFoundContent={t('cases.actionForm.noMaterialToRequest')}
          options={keys.map((k) => ({ value: k, label: nameOf(k) }))}
        />
      </Form.Item>
    </>
  );
}

function DecideFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="result"
        label={t('cases.actionForm.result')}
        rules={[{ required: true, message: t('cases.actionForm.resultRequired') }]}
      >
        <Radio.Group className="action-result">
          <Radio value="approved" data-testid="action-result-approved">
            {t('cases.result.approved')}
          </Radio>
          <Radio value="not_approved" data-testid="action-result-not-approved">
            {t('cases.result.not_approved')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="resultText"
        label={t('cases.actionForm.resultText')}
        rules={[
          { required: true, whitespace: true, message: t('cases.actionForm.resultTextRequired') },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          data-testid="action-result-text"
          rows={3}
          placeholder={t('cases.actionForm.resultTextPlaceholder')}
        />
      </Form.Item>
    </>
  );
}

/** deliver: collected at this station (the default), or mailed to an address (GS-7). */
function DeliverFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ActionValues>();
  const method = Form.useWatch('deliveryMethod', form) ?? 'station';
  return (
    <>
      <Form.Item name="deliveryMethod" label={t('cases.actionForm.deliveryMethod')}>
        <Radio.Group className="action-delivery">
          <Radio value="station" data-testid="action-delivery-station">
            {t('cases.actionForm.deliveryStation')}
          </Radio>
          <Radio value="post" data-testid="action-delivery-post">
            {t('cases.actionForm.deliveryPost')}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {method === 'post' && (
        <Form.Item
          name="postalAddress"
          label={t('cases.actionForm.postalAddress')}
          extra={t('cases.actionForm.postalAddressHelp')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('cases.actionForm.postalAddressRequired'),
            },
            { min: 5, message: t('cases.actionForm.postalAddressShort') },
            { max: 300 },
          ]}
        >
          <Input.TextArea
            data-testid="action-postal-address"
            rows={2}
            autoFocus
            placeholder={t('cases.actionForm.postalAddressPlaceholder')}
          />
        </Form.Item>
      )}
      {method === 'post' && (
        <Form.Item
          name="recipientPhone"
          label={t('cases.actionForm.recipientPhone')}
          extra={t('cases.actionForm.recipientPhoneHelp')}
          rules={[
            {
              pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
              message: t('cases.actionForm.recipientPhoneInvalid'),
            },
          ]}
        >
          <Input data-testid="action-recipient-phone" inputMode="tel" maxLength={13} />
        </Form.Item>
      )}
    </>
  );
}

/**
 * One workflow action in a small dialog with exactly the fields its guards need; sends the version
 * the user saw, so two people never overwrite each other (CASE_CHANGED goes back to the page).
 */
export function ActionDialog({
  action,
  view,
  materials,
  onClose,
  onDone,
  onChanged,
}: {
  action: CaseAction;
  view: CaseView;
  materials: readonly CatalogMaterial[];
  onClose: () => void;
  onDone: (next: CaseView) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionValues>();
  const kind = Form.useWatch('kind', form);
  const label = t(`cases.action.${action}`);
  const hasFields =
    NEEDS_REASON.has(action) ||
    action === 'decide' ||
    action === 'supplement' ||
    action === 'deliver';

  const transition = useAction(async (values: ActionValues) => {
    try {
      onDone(await transitionCase(view.id, requestOf(action, view.version, values)));
    } catch (e) {
      // Someone else moved the case meanwhile: reload it rather than show an error.
      if (isApiError(e) && e.code === 'CASE_CHANGED') onChanged();
      else throw e;
    }
  });
  const submit = (values: ActionValues) => void transition.run(values);
  const { busy, error } = transition;

  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      maskClosable={!busy}
      className="action-dialog"
    >
      <p className="action-help">{t(`cases.actionHelp.${action}`)}</p>
      <Form<ActionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={
          action === 'request_supplement'
            ? { kind: 'missing' }
            : action === 'deliver'
              ? { deliveryMethod: 'station' }
              : {}
        }
        data-testid="action-form"
      >
        {action === 'supplement' && <SupplementFields view={view} />}
        {action === 'request_supplement' && (
          <RequestSupplementFields view={view} materials={materials} kind={kind} />
        )}
        {action === 'decide' && <DecideFields />}
        {action === 'deliver' && <DeliverFields />}
        {NEEDS_REASON.has(action) && (
          <Form.Item
            name="reason"
            label={t('cases.actionForm.reason')}
            rules={[
              { required: true, whitespace: true, message: t('cases.actionForm.reasonRequired') },
              { max: 1000 },
            ]}
          >
            <Input.TextArea
              data-testid="action-reason"
              rows={3}
              autoFocus
              placeholder={t('cases.actionForm.reasonPlaceholder')}
            />
          </Form.Item>
        )}
        {!hasFields && <p>{t('cases.actionForm.confirmPlain', { action: label })}</p>}
        {error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="form-alert"
            title={errorText(t, error)}
          />
        )}
        <div className="modal-actions">
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button
            data-testid="action-confirm"
            type="primary"
            danger={DANGEROUS.has(action)}
            htmlType="submit"
            loading={busy}
            autoFocus={!hasFields}
          >
            {/* 确认已送达 already says 确认 */}
            {action === 'deliver' ? label : t('cases.actionForm.confirm', { action: label })}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}

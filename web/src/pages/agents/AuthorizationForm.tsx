import { Alert, App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  recordAuthorization,
  uploadAuthorizationScan,
  type ConsentMethod,
  type NewAuthorization,
} from '../../api/agents';
import type { CatalogItemSummary } from '../../api/case-types';
import { searchCatalog } from '../../api/cases';
import { listColleagues } from '../../api/first-response';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { localName } from '../cases/case-format';

interface Values {
  agentAccountId?: string;
  scope: 'all' | 'items';
  items?: string[];
  expiresOn?: string;
  consent: ConsentMethod;
  callRecordRef?: string;
}

/** Today as the China date (YYYY-MM-DD), the earliest valid last day. */
function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function bodyOf(residentId: string, agentId: string, v: Values): NewAuthorization {
  return {
    residentId,
    agentAccountId: agentId,
    items: v.scope === 'all' ? 'all' : (v.items ?? []),
    expiresOn: v.expiresOn ?? '',
    consent:
      v.consent === 'phone'
        ? { method: 'phone', callRecordRef: v.callRecordRef?.trim() ?? '' }
        : { method: v.consent },
  };
}

/** Items by name or pinyin initials, as at the window ("sbk" finds 社保卡补办). */
function ItemSelect({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const found = useAsync((signal) => searchCatalog(q, signal), q);
  const [known, setKnown] = useState<Map<string, CatalogItemSummary>>(new Map());
  const options = useMemo(() => {
    const all = new Map(known);
    for (const item of found.data?.items ?? []) all.set(item.code, item);
    return [...all.values()].map((item) => ({
      value: item.code,
      label: `${localName(item.name, i18n.language)} (${item.code})`,
    }));
  }, [found.data, known, i18n.language]);
  return (
    <Select<string[]>
      mode="multiple"
      data-testid="auth-items"
      value={value ?? []}
      placeholder={t('cases.authorizations.itemsPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.status === 'loading'}
      onChange={(codes) => {
        setKnown((prev) => {
          const next = new Map(prev);
          for (const item of found.data?.items ?? [])
            if (codes.includes(item.code)) next.set(item.code, item);
          return next;
        });
        onChange?.(codes);
      }}
      options={options}
    />
  );
}

/**
 * 登记代办授权 (GS-6): which agent, all items or chosen ones, until which day, and how the resident
 * consented — a signed form (its scan uploaded now or later), in person, or by phone (where the
 * recording is). The server checks the agent's scope, the items and the date again.
 */
export function AuthorizationForm({
  resident,
  onClose,
  onDone,
}: {
  resident: { id: string; fullName: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form);
  const consent = Form.useWatch('consent', form);
  const keeper = useRef(createIdempotencyKeeper());
  const [file, setFile] = useState<File | null>(null);
  // Station staff name the agent; an agent records only their own authorization.
  const agentOnly = me.grants.every((g) => g.role === 'agent');
  const colleagues = useAsync(
    (signal) => (agentOnly ? Promise.resolve([]) : listColleagues(signal)),
    agentOnly ? 'self' : 'colleagues',
  );
  const agents = (colleagues.data ?? []).filter((c) => c.role === 'agent');
  const today = chinaToday();

  const submit = useAction(async (values: Values) => {
    const agentId = agentOnly ? me.id : (values.agentAccountId ?? '');
    const body = bodyOf(resident.id, agentId, values);
    const created = await recordAuthorization(body, keeper.current.keyFor(body));
    keeper.current.reset();
    if (file && values.consent === 'signed_form') {
      await uploadAuthorizationScan(created.id, file);
    }
    void message.success(t('cases.authorizations.saved'));
    onDone();
  });

  return (
    <Modal
      open
      title={t('cases.authorizations.formTitle')}
      onCancel={onClose}
      footer={null}
      maskClosable={!submit.busy}
      destroyOnHidden
      className="auth-form-dialog"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scope: 'all', consent: 'signed_form' }}
        onFinish={(values) => void submit.run(values)}
        data-testid="auth-form"
      >
        <Form.Item label={t('cases.authorizations.resident')}>
          <strong>{resident.fullName}</strong>
        </Form.Item>
        {!agentOnly && (
          <Form.Item
            name="agentAccountId"
            label={t('cases.authorizations.agent')}
            rules={[{ required: true, message: t('cases.authorizations.agentRequired') }]}
          >
            <Select<string>
              data-testid="auth-agent"
              placeholder={t('cases.authorizations.agentPlaceholder')}
              loading={colleagues.status === 'loading'}
              notFoundContent={t('cases.authorizations.noAgents')}
              options={agents.map((a) => ({
                value: a.id,
                label: a.stationName ? `${a.displayName}（${a.stationName}）` : a.displayName,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item name="scope" label={t('cases.authorizations.scope')}>
          <Radio.Group>
            <Radio value="all" data-testid="auth-scope-all">
              {t('cases.authorizations.scopeAll')}
            </Radio>
            <Radio value="items" data-testid="auth-scope-items">
              {t('cases.authorizations.scopeItems')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {scope === 'items' && (
          <Form.Item
            name="items"
            label={t('cases.authorizations.items')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('cases.authorizations.itemsRequired'),
              },
            ]}
          >
            <ItemSelect />
          </Form.Item>
        )}
        <Form.Item
          name="expiresOn"
          label={t('cases.authorizations.expiresOn')}
          rules={[{ required: true, message: t('cases.authorizations.expiresOnRequired') }]}
        >
          <Input type="date" min={today} data-testid="auth-expires" />
        </Form.Item>
        <Form.Item name="consent" label={t('cases.authorizations.consent')}>
          <Radio.Group className="auth-consent">
            <Radio value="signed_form" data-testid="auth-consent-signed">
              {t('cases.authorizations.consentSigned')}
            </Radio>
            <Radio value="in_person" data-testid="auth-consent-in-person">
              {t('cases.authorizations.consentInPerson')}
            </Radio>
            <Radio value="phone" data-testid="auth-consent-phone">
              {t('cases.authorizations.consentPhone')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {consent === 'signed_form' && (
          <Form.Item
            label={t('cases.authorizations.scan')}
            extra={t('cases.authorizations.scanHelp')}
          >
            <input
              type="file"
              accept="image/jpeg,image/png,application/pdf"
              data-testid="auth-form-scan"
              className="auth-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Form.Item>
        )}
        {consent === 'phone' && (
          <Form.Item
            name="callRecordRef"
            label={t('cases.authorizations.callRef')}
            extra={t('cases.authorizations.callRefHelp')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('cases.authorizations.callRefRequired'),
              },
              { max: 200 },
            ]}
          >
            <Input data-testid="auth-call-ref" />
          </Form.Item>
        )}
        {submit.error !== null && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="form-alert"
            title={errorText(t, submit.error)}
          />
        )}
        <div className="modal-actions">
          <Button onClick={onClose} disabled={submit.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={submit.busy} data-testid="auth-save">
            {t('cases.authorizations.save')}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}

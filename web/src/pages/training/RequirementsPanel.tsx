import { Alert, Empty, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listRequirements, setRequirement, type Requirement } from '../../api/training';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useTownPeople } from './use-town-people';

/** The town's items that need a certified clerk or agent: switch on and off (audited). */
export function RequirementsPanel({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useAsync((signal) => listRequirements(signal), 'requirements');
  const { items } = useTownPeople();
  const [adding, setAdding] = useState<string | undefined>();
  const toggle = useKeyedAction(async (code: string, required: boolean) => {
    await setRequirement(code, required);
    setAdding(undefined);
    list.reload();
  });
  const name = (n: { zh: string; en: string }) => (i18n.language === 'en' ? n.en : n.zh);
  return (
    <div>
      <div className="tr-export">
        <ExportButton listPath="/training/requirements" testId="export-requirements" />
      </div>
      <p className="tr-muted">{t('training.requirement.explain')}</p>
      {manage && (
        <Select
          className="tr-form"
          style={{ width: '100%' }}
          showSearch
          value={adding}
          placeholder={t('training.requirement.add')}
          aria-label={t('training.requirement.add')}
          optionFilterProp="label"
          options={items.map((i) => ({ value: i.code, label: `${name(i.name)} ${i.code}` }))}
          onChange={(code: string) => {
            setAdding(code);
            void toggle.run(code, code, true);
          }}
        />
      )}
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {toggle.error !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(t, toggle.error)} />
      )}
      {list.data?.length === 0 && <Empty description={t('training.requirement.empty')} />}
      {list.data && list.data.length > 0 && (
        <Table
          rowKey={(r) => `${r.townCode}:${r.item.code}`}
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={list.data}
          columns={[
            {
              title: t('training.requirement.item'),
              render: (_: unknown, r: Requirement) => `${name(r.item.name)} ${r.item.code}`,
            },
            {
              title: t('training.requirement.required'),
              render: (_: unknown, r: Requirement) => (
                <Switch
                  checked={r.required}
                  disabled={!manage}
                  loading={toggle.isBusy(r.item.code)}
                  aria-label={`${t('training.requirement.required')} ${r.item.code}`}
                  onChange={(on) => void toggle.run(r.item.code, r.item.code, on)}
                />
              ),
            },
            { title: t('training.requirement.holders'), dataIndex: 'competentHolders' },
            {
              title: t('training.requirement.setBy'),
              render: (_: unknown, r: Requirement) => r.setBy.displayName,
            },
          ]}
        />
      )}
    </div>
  );
}

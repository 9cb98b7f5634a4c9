import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadTemplate, IMPORT_KINDS, type ImportKind } from '../../api/imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can } from '../../lib/capabilities';
import { useAction } from '../../lib/use-action';
import { useMe } from '../../session/session-context';
import { RegionScopePicker } from '../accounts/ScopePicker';

/**
 * The kinds this person may import (imports.access.ts): stations by administrators, the roster by
 * account managers, teams and volunteers by the volunteer centre's staff, the rest by importers.
 */
export function useImportKinds(): readonly ImportKind[] {
  const me = useMe();
  return IMPORT_KINDS.filter((k) => {
    switch (k) {
      case 'stations':
        return can(me, 'stations.manage');
      case 'staff':
        return can(me, 'accounts.manage');
      case 'teams':
      case 'volunteers':
        return can(me, 'volunteers.staff');
      case 'residents':
      case 'hours':
        return can(me, 'imports.run');
    }
  });
}

/**
 * Step 1 of /imports: choose what to import and download its template — for stations, pre-filled
 * with every village and town of the chosen region that has no station yet.
 */
export function ImportTemplateCard({
  kind,
  kinds,
  onKind,
}: {
  kind: ImportKind;
  kinds: readonly ImportKind[];
  onKind: (kind: ImportKind) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [prefill, setPrefill] = useState<string | undefined>(undefined);
  const template = useAction(async () => {
    const blob = await downloadTemplate(kind, kind === 'stations' ? prefill : undefined);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = t('imports.templateFile', { kind: t(`imports.kinds.${kind}`) });
    a.click();
    URL.revokeObjectURL(url);
  });
  return (
    <Card title={<h2 className="card-title">{t('imports.step1')}</h2>}>
      <Space wrap>
        <label htmlFor={`${inputId}-kind`}>{t('imports.kind')}</label>
        <Select<ImportKind>
          id={`${inputId}-kind`}
          data-testid="import-kind"
          value={kind}
          onChange={onKind}
          options={kinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
          style={{ minWidth: 160 }}
        />
        {kind === 'stations' && (
          <div className="import-prefill">
            <span aria-hidden>{t('imports.prefill')}</span>
            <RegionScopePicker
              value={prefill}
              onChange={setPrefill}
              testId="import-prefill-region"
              label={t('imports.prefill')}
              levels={['district', 'town']}
            />
          </div>
        )}
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={template.busy}
          onClick={() => void template.run()}
          data-testid="import-template"
        >
          {t('imports.template')}
        </Button>
      </Space>
      <p className="import-help">{t(`imports.help.${kind}`)}</p>
      {template.error !== null && <ErrorAlert error={template.error} />}
    </Card>
  );
}

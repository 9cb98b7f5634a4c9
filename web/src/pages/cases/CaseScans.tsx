import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCAN_TYPES, type CaseScan, type CatalogMaterial } from '../../api/case-types';
import { listScans, uploadScan } from '../../api/cases';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { formatMoment, localName } from './case-format';
import { useAction } from '../../lib/use-action';

const MAX_BYTES = 10 * 1024 * 1024;

function ScanList({ scans, nameOf }: { scans: CaseScan[]; nameOf: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  if (scans.length === 0) return <p className="muted">{t('cases.scans.none')}</p>;
  return (
    <ul className="scan-list" data-testid="scan-list">
      {scans.map((s) => (
        <li key={s.id}>
          <a href={s.url} target="_blank" rel="noopener">
            <PaperClipOutlined aria-hidden /> {nameOf(s.materialKey)}
          </a>
          <span className="muted">
            {t('cases.scans.meta', {
              kb: Math.max(1, Math.round(s.sizeBytes / 1024)),
              who: s.uploadedBy.displayName,
              when: formatMoment(s.uploadedAt, i18n.language),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Pick a material, then a file (a phone photo or a 高拍仪 PDF); it is sent as it is. */
function ScanUpload({
  caseId,
  materials,
  onUploaded,
}: {
  caseId: string;
  materials: readonly CatalogMaterial[];
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const fileRef = useRef<HTMLInputElement>(null);
  const [materialKey, setMaterialKey] = useState<string | undefined>(materials[0]?.key);
  const [problem, setProblem] = useState<string | null>(null);

  const send = (file: File | undefined) => {
    if (!file || !materialKey) return;
    if (!(SCAN_TYPES as readonly string[]).includes(file.type)) {
      setProblem(t('cases.scans.wrongType'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setProblem(t('cases.scans.tooBig'));
      return;
    }
    setProblem(null);
    void upload.run(materialKey, file);
  };
  const upload = useAction(async (key: string, file: File) => {
    try {
      await uploadScan(caseId, key, file);
      void message.success(t('cases.scans.uploaded'));
      onUploaded();
    } catch (e) {
      setProblem(errorText(t, e));
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  });
  const busy = upload.busy;

  return (
    <div className="scan-upload">
      <label className="scan-upload-material">
        <span>{t('cases.scans.material')}</span>
        <Select<string>
          data-testid="scan-material"
          value={materialKey}
          onChange={setMaterialKey}
          options={materials.map((m) => ({
            value: m.key,
            label: localName(m.name, i18n.language),
          }))}
          popupMatchSelectWidth={false}
        />
      </label>
      <input
        ref={fileRef}
        type="file"
        accept={SCAN_TYPES.join(',')}
        hidden
        data-testid="scan-file"
        onChange={(e) => send(e.target.files?.[0])}
      />
      <Button
        data-testid="scan-upload"
        icon={<UploadOutlined aria-hidden />}
        loading={busy}
        disabled={!materialKey}
        onClick={() => fileRef.current?.click()}
      >
        {t('cases.scans.upload')}
      </Button>
      <span className="muted">{t('cases.scans.help')}</span>
      {problem && (
        <Alert type="error" showIcon role="alert" title={problem} className="scan-problem" />
      )}
    </div>
  );
}

/** Scans of the materials (GS-5): what is stored, and — for station staff — adding one. */
export function CaseScans({
  caseId,
  materials,
  canUpload,
}: {
  caseId: string;
  materials: readonly CatalogMaterial[];
  canUpload: boolean;
}) {
  const { i18n } = useTranslation();
  const scans = useAsync((signal) => listScans(caseId, signal), caseId);
  const nameOf = (key: string) => {
    const m = materials.find((x) => x.key === key);
    return m ? localName(m.name, i18n.language) : key;
  };
  return (
    <div className="case-scans">
      {scans.status === 'error' ? (
        <ErrorAlert error={scans.error} onRetry={scans.reload} />
      ) : (
        <ScanList scans={scans.data ?? []} nameOf={nameOf} />
      )}
      {canUpload && materials.length > 0 && (
        <ScanUpload caseId={caseId} materials={materials} onUploaded={scans.reload} />
      )}
    </div>
  );
}

import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAuthorizationScan } from '../../api/agents';
import { errorText } from '../../lib/errors';

const ACCEPT = 'image/jpeg,image/png,application/pdf';

/** Picks the scan of the signed form (document camera, scanner or phone photo) and uploads it. */
export function ScanUpload({
  authorizationId,
  onUploaded,
  compact = false,
}: {
  authorizationId: string;
  onUploaded: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <span className="auth-scan-upload">
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="auth-scan-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          setError(null);
          uploadAuthorizationScan(authorizationId, file)
            .then(() => {
              void message.success(t('cases.authorizations.scanUploaded'));
              onUploaded();
            })
            .catch((err: unknown) => setError(err))
            .finally(() => setBusy(false));
        }}
      />
      <Button
        icon={<UploadOutlined aria-hidden />}
        loading={busy}
        onClick={() => input.current?.click()}
        data-testid="auth-scan-button"
      >
        {t('cases.authorizations.scanUpload')}
      </Button>
      {!compact && (
        <span className="muted auth-scan-help">{t('cases.authorizations.scanHelp')}</span>
      )}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
    </span>
  );
}

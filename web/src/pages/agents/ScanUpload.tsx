import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadAuthorizationScan } from '../../api/agents';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';

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
  const upload = useAction(async (file: File) => {
    await uploadAuthorizationScan(authorizationId, file);
    void message.success(t('cases.authorizations.scanUploaded'));
    onUploaded();
  });
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
          void upload.run(file);
        }}
      />
      <Button
        icon={<UploadOutlined aria-hidden />}
        loading={upload.busy}
        onClick={() => input.current?.click()}
        data-testid="auth-scan-button"
      >
        {t('cases.authorizations.scanUpload')}
      </Button>
      {!compact && (
        <span className="muted auth-scan-help">{t('cases.authorizations.scanHelp')}</span>
      )}
      {upload.error !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(t, upload.error)} />
      )}
    </span>
  );
}

import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/errors';

/** A failed request in plain words, with a retry button when one makes sense. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(t, error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

import { useTranslation } from 'react-i18next';
import { recogniseReason } from './server-reasons';

/** A server refusal in the user's language when it is a known one, the original beneath. */
export function ReasonText({ message }: { message: string }) {
  const { t } = useTranslation();
  const reason = recogniseReason(message);
  if (!reason) return <span>{message}</span>;
  return (
    <span className="reason">
      <span>{t(`catalog.reason.${reason.key}`, reason.values)}</span>
      <span className="reason-original">{message}</span>
    </span>
  );
}

/** The same as plain text, for places that take a string (form field errors). */
export function useReasonText(): (message: string) => string {
  const { t } = useTranslation();
  return (message) => {
    const reason = recogniseReason(message);
    return reason ? t(`catalog.reason.${reason.key}`, reason.values) : message;
  };
}

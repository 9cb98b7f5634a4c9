import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IssuedPassword } from '../../api/imports';

/**
 * Issue #15 point 4: the roster's one-time passwords, shown this once as a printable list (the
 * server stores only their hashes; leaving the page loses them). Rows sent by SMS say so.
 */
export function StaffPasswords({ passwords }: { passwords: readonly IssuedPassword[] }) {
  const { t } = useTranslation();
  if (passwords.length === 0) return null;
  const shown = passwords.some((p) => p.password !== null);
  return (
    <Card
      className="staff-passwords"
      data-testid="staff-passwords"
      title={<h2 className="card-title">{t('imports.passwords.title')}</h2>}
      extra={
        shown ? (
          <Button
            className="no-print"
            icon={<PrinterOutlined aria-hidden />}
            onClick={() => window.print()}
          >
            {t('imports.passwords.print')}
          </Button>
        ) : null
      }
    >
      {shown && (
        <Alert type="warning" showIcon className="no-print" title={t('imports.passwords.hint')} />
      )}
      <table className="staff-password-table">
        <thead>
          <tr>
            <th scope="col">{t('imports.passwords.row')}</th>
            <th scope="col">{t('imports.passwords.name')}</th>
            <th scope="col">{t('imports.passwords.username')}</th>
            <th scope="col">{t('imports.passwords.password')}</th>
          </tr>
        </thead>
        <tbody>
          {passwords.map((p) => (
            <tr key={p.row} data-testid="staff-password-row">
              <td data-label={t('imports.passwords.row')}>{p.row}</td>
              <td data-label={t('imports.passwords.name')}>{p.fullName}</td>
              <td data-label={t('imports.passwords.username')}>{p.username}</td>
              <td data-label={t('imports.passwords.password')}>
                {p.password === null ? (
                  t('imports.passwords.bySms')
                ) : (
                  <code className="staff-password" data-testid="staff-password">
                    {p.password}
                  </code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

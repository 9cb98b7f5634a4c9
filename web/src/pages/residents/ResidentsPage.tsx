import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { regionOfPrefix, widestGrant } from '../../lib/capabilities';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useMe } from '../../session/session-context';
import { ResidentAuthorizations } from '../agents/ResidentAuthorizations';
import { RegisterResidentForm } from './RegisterResidentForm';
import { ResidentCard } from './ResidentCard';
import { ResidentList } from './ResidentList';
import { ResidentLookup, type LookupResult } from './ResidentLookup';

type Panel =
  | { kind: 'none' }
  | { kind: 'found'; resident: Resident }
  | { kind: 'notFound'; idNumber: string }
  | { kind: 'register'; idNumber: string }
  | { kind: 'registered'; resident: Resident };

/** The window clerk's page: look up by ID number, register if new, and the roster below. */
export default function ResidentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const registrar = widestGrant(me, 'residents.register');
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [refreshKey, setRefreshKey] = useState(0);
  const canRegister = caps.registerResidents && registrar !== undefined;
  // An agent sees a resident only once they have authorized them (GS-6): record it right here.
  const agentOnly = me.grants.every((g) => g.role === 'agent');
  const registeredRef = useRef<HTMLDivElement>(null);

  // After registering, the form (long on a phone) gives way to the new card: bring it into view.
  useEffect(() => {
    if (panel.kind === 'registered') registeredRef.current?.scrollIntoView({ block: 'start' });
  }, [panel]);

  const onLookup = (result: LookupResult) =>
    setPanel(
      result.kind === 'found'
        ? { kind: 'found', resident: result.resident }
        : { kind: 'notFound', idNumber: result.idNumber },
    );

  const openRegister = () =>
    setPanel({ kind: 'register', idNumber: panel.kind === 'notFound' ? panel.idNumber : '' });

  const registerButton = canRegister && (
    <Button
      data-testid="register-open"
      type={panel.kind === 'notFound' ? 'primary' : 'default'}
      icon={<UserAddOutlined aria-hidden />}
      onClick={openRegister}
    >
      {panel.kind === 'notFound' ? t('lookup.registerThisPerson') : t('register.open')}
    </Button>
  );

  return (
    <div className="page residents-page">
      <PageHeading
        title={canRegister ? t('residents.titleRegistrar') : t('residents.titleReader')}
        subtitle={t('residents.subtitle')}
        extra={
          panel.kind === 'none' || panel.kind === 'found' || panel.kind === 'registered'
            ? registerButton
            : undefined
        }
      />
      <Card className="lookup-card">
        <ResidentLookup onResult={onLookup} />
      </Card>

      {panel.kind === 'found' && (
        <ResidentCard resident={panel.resident} canReveal={caps.registerResidents} showDetailLink />
      )}
      {panel.kind === 'notFound' && (
        <Alert
          className="not-found"
          data-testid="resident-not-found"
          type="warning"
          showIcon
          title={t('lookup.notFoundTitle')}
          description={canRegister ? t('lookup.notFoundRegister') : t('lookup.notFoundReader')}
          action={registerButton}
        />
      )}
      {panel.kind === 'register' && registrar && (
        <Card className="register-card">
          <RegisterResidentForm
            key={panel.idNumber}
            rootCode={regionOfPrefix(registrar.reachPrefix)}
            initialIdNumber={panel.idNumber}
            onCancel={() => setPanel({ kind: 'none' })}
            onRegistered={(resident) => {
              setPanel({ kind: 'registered', resident });
              setRefreshKey((k) => k + 1);
            }}
          />
        </Card>
      )}
      {panel.kind === 'registered' && (
        <div ref={registeredRef} className="scroll-anchor">
          <ResidentCard
            resident={panel.resident}
            canReveal={caps.registerResidents}
            showDetailLink
            banner={
              <Alert
                type="success"
                showIcon
                title={t('register.success', { name: panel.resident.fullName })}
                className="card-banner"
                data-testid="register-success"
              />
            }
          />
          {agentOnly && (
            <ResidentAuthorizations
              resident={{ id: panel.resident.id, fullName: panel.resident.fullName }}
            />
          )}
        </div>
      )}

      <ResidentList refreshKey={refreshKey} />
    </div>
  );
}

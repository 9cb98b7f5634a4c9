import { SwapOutlined, UserAddOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { lookupResident } from '../../../api/residents';
import type { Resident } from '../../../api/types';
import {
  isLookedUp,
  knownResidentsFor,
  type Applicant,
  type KnownResident,
} from '../../../offline/known-residents';
import { RecentResidents } from '../../../offline/RecentResidents';
import { useOnline } from '../../../offline/use-outbox';
import { regionOfPrefix, widestGrant } from '../../../lib/capabilities';
import { useMe } from '../../../session/session-context';
import { RegisterResidentForm } from '../../residents/RegisterResidentForm';
import { ResidentLookup, type LookupResult } from '../../residents/ResidentLookup';
import { ageOn } from '../../residents/resident-format';

/** Who is asking: name, age, masked numbers, home village, and whether this will be 通办. */
function ApplicantSummary({
  resident,
  stationRegionCode,
  onChange,
}: {
  resident: Resident;
  stationRegionCode: string | undefined;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const age = ageOn(resident.birthDate);
  const tongban = stationRegionCode !== undefined && stationRegionCode !== resident.homeRegionCode;
  return (
    <div className="applicant-summary" data-testid="wb-applicant">
      <span className="resident-avatar" aria-hidden>
        <UserOutlined />
      </span>
      <div className="applicant-summary-text">
        <div className="applicant-summary-name">
          <strong>{resident.fullName}</strong>
          <Tag>{t(`resident.sex.${resident.sex}`)}</Tag>
          {age !== null && <span>{t('resident.age', { n: age })}</span>}
        </div>
        <div className="applicant-summary-meta">
          <span className="masked">{resident.idMasked}</span>
          {resident.phoneMasked && <span className="masked">{resident.phoneMasked}</span>}
          <span>{t('cases.workbench.applicantHome', { village: resident.homeRegionName })}</span>
          <Link
            to={`/residents/${resident.id}#authorizations`}
            target="_blank"
            data-testid="wb-applicant-authorizations"
          >
            {t('cases.workbench.authorizationsLink')}
          </Link>
        </div>
        {tongban && <div className="applicant-tongban">{t('cases.workbench.tongbanHint')}</div>}
      </div>
      <Button
        data-testid="wb-change-applicant"
        icon={<SwapOutlined aria-hidden />}
        onClick={onChange}
      >
        {t('cases.workbench.changeApplicant')}
      </Button>
    </div>
  );
}

/** Picked from the recent list during a network cut: the masked name is all the page has. */
function KnownApplicantSummary({
  resident,
  onChange,
}: {
  resident: KnownResident;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="applicant-summary" data-testid="wb-applicant" data-offline-pick>
      <span className="resident-avatar" aria-hidden>
        <UserOutlined />
      </span>
      <div className="applicant-summary-text">
        <div className="applicant-summary-name">
          <strong>{resident.maskedName}</strong>
          <Tag color="warning">{t('offline.recent.picked')}</Tag>
        </div>
        <div className="applicant-summary-meta">{t('offline.recent.pickedHelp')}</div>
      </div>
      <Button
        data-testid="wb-change-applicant"
        icon={<SwapOutlined aria-hidden />}
        onClick={onChange}
      >
        {t('cases.workbench.changeApplicant')}
      </Button>
    </div>
  );
}

type Finding =
  | { kind: 'searching' }
  | { kind: 'notFound'; idNumber: string }
  | { kind: 'registering'; idNumber: string };

/**
 * Step 1: the ID-card reader "types" the number and presses Enter (the residents page's lookup);
 * somebody new is registered on the spot with the registry's own form, then intake goes on.
 */
export function ApplicantStep({
  applicant,
  stationRegionCode,
  onApplicant,
}: {
  applicant: Applicant | null;
  stationRegionCode: string | undefined;
  onApplicant: (resident: Applicant | null) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const registrar = widestGrant(me, 'residents.register');
  const [finding, setFinding] = useState<Finding>({ kind: 'searching' });
  const known = knownResidentsFor(me.id);
  // Every answer is remembered; during a cut the same card finds who this tab looked up.
  const lookup = useCallback(
    async (idNumber: string) => {
      try {
        const resident = await lookupResident(idNumber);
        await known.remember(idNumber, resident);
        return resident;
      } catch (error) {
        const kept = known.find(idNumber);
        if (kept && isApiError(error) && error.code === 'NETWORK_ERROR') return kept;
        throw error;
      }
    },
    [known],
  );

  if (applicant && !isLookedUp(applicant)) {
    return (
      <KnownApplicantSummary
        resident={applicant}
        onChange={() => {
          setFinding({ kind: 'searching' });
          onApplicant(null);
        }}
      />
    );
  }

  if (applicant) {
    return (
      <ApplicantSummary
        resident={applicant}
        stationRegionCode={stationRegionCode}
        onChange={() => {
          setFinding({ kind: 'searching' });
          onApplicant(null);
        }}
      />
    );
  }

  const onLookup = (result: LookupResult) => {
    if (result.kind === 'found') onApplicant(result.resident);
    else setFinding({ kind: 'notFound', idNumber: result.idNumber });
  };

  if (finding.kind === 'registering' && registrar) {
    return (
      <RegisterResidentForm
        rootCode={regionOfPrefix(registrar.reachPrefix)}
        initialIdNumber={finding.idNumber}
        onCancel={() => setFinding({ kind: 'searching' })}
        onRegistered={(resident) => {
          void known.remember(finding.idNumber, resident);
          onApplicant(resident);
        }}
      />
    );
  }

  return (
    <div className="applicant-step">
      <ResidentLookup onResult={onLookup} lookup={lookup} />
      {!online && <RecentResidents owner={me.id} onPick={onApplicant} />}
      {finding.kind === 'notFound' && (
        <Alert
          className="not-found"
          data-testid="wb-applicant-not-found"
          type="warning"
          showIcon
          title={t('lookup.notFoundTitle')}
          description={
            <>
              {t('cases.workbench.notFoundHelp')}{' '}
              <Link to="/residents">{t('cases.workbench.openRegistry')}</Link>
            </>
          }
          action={
            registrar && (
              <Button
                data-testid="wb-register"
                type="primary"
                icon={<UserAddOutlined aria-hidden />}
                onClick={() => setFinding({ kind: 'registering', idNumber: finding.idNumber })}
              >
                {t('cases.workbench.registerHere')}
              </Button>
            )
          }
        />
      )}
    </div>
  );
}

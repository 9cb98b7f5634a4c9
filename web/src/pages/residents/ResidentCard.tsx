import { EyeOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Resident } from '../../api/types';
import { useIsWide } from '../../lib/use-media-query';
import { ageOn } from './resident-format';
import { RevealDialog } from './RevealDialog';

/** A resident as staff see them: ID number and phone masked; revealing is a separate, audited step. */
export function ResidentCard({
  resident,
  canReveal,
  showDetailLink,
  banner,
}: {
  resident: Resident;
  canReveal: boolean;
  showDetailLink: boolean;
  banner?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [revealing, setRevealing] = useState(false);
  const wide = useIsWide();
  const age = ageOn(resident.birthDate);

  return (
    <Card className="resident-card" data-testid="resident-card">
      {banner}
      <div className="resident-card-head">
        <span className="resident-avatar" aria-hidden>
          <UserOutlined />
        </span>
        <div>
          <h2 className="resident-name">{resident.fullName}</h2>
          <div className="resident-meta">
            <Tag>{t(`resident.sex.${resident.sex}`)}</Tag>
            {age !== null && <span>{t('resident.age', { n: age })}</span>}
            <span>{resident.homeRegionName}</span>
          </div>
        </div>
      </div>
      <Descriptions
        column={1}
        layout={wide ? 'horizontal' : 'vertical'}
        size="small"
        className="resident-facts"
        items={[
          {
            key: 'id',
            label: t('resident.idNumber'),
            children: (
              <span className="masked" data-testid="resident-id-masked">
                {resident.idMasked}
              </span>
            ),
          },
          {
            key: 'phone',
            label: t('resident.phone'),
            children: resident.phoneMasked ? (
              <span className="masked" data-testid="resident-phone-masked">
                {resident.phoneMasked}
              </span>
            ) : (
              <span className="muted">{t('resident.noPhone')}</span>
            ),
          },
          { key: 'birth', label: t('resident.birthDate'), children: resident.birthDate },
          { key: 'home', label: t('resident.homeRegion'), children: resident.homeRegionName },
          { key: 'address', label: t('resident.address'), children: resident.address },
          {
            key: 'created',
            label: t('resident.registeredAt'),
            children: new Date(resident.createdAt).toLocaleString(i18n.language),
          },
        ]}
      />
      {(canReveal || showDetailLink) && (
        <div className="resident-card-actions">
          {canReveal && (
            <Button
              data-testid="reveal-open"
              icon={<EyeOutlined aria-hidden />}
              onClick={() => setRevealing(true)}
            >
              {t('reveal.open')}
            </Button>
          )}
          {showDetailLink && <Link to={`/residents/${resident.id}`}>{t('resident.details')}</Link>}
        </div>
      )}
      {canReveal && (
        <RevealDialog
          open={revealing}
          residentId={resident.id}
          residentName={resident.fullName}
          onClose={() => setRevealing(false)}
        />
      )}
    </Card>
  );
}

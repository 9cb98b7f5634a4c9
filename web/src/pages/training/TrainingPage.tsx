import { Tabs } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { trainingCapabilitiesOf } from '../../lib/page-capabilities';
import { useMe } from '../../session/session-context';
import { CompetencesPanel } from './CompetencesPanel';
import { RequirementsPanel } from './RequirementsPanel';
import { SessionsPanel } from './SessionsPanel';
import { TrainingFiguresPanel } from './TrainingFiguresPanel';
import './training.css';

/**
 * GS-12 training and competence (town centre): sessions and attendance, competence per person
 * and item (certify, renew, revoke — buttons from the server's availableActions), the town's
 * required items, and the figures with their Excel export.
 */
export default function TrainingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => trainingCapabilitiesOf(me), [me]);
  const townCode = useMemo(() => {
    const g = me.grants.find((x) => x.role === 'town_officer') ?? me.grants[0];
    return g && g.regionCode.length === 12 && g.regionCode.slice(6, 9) !== '000'
      ? `${g.regionCode.slice(0, 9)}000`
      : undefined;
  }, [me]);
  return (
    <div className="page training-page" data-testid="training-page">
      <PageHeading title={t('training.title')} subtitle={t('training.subtitle')} />
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'sessions',
            label: <span data-testid="tab-sessions">{t('training.tabs.sessions')}</span>,
            children: <SessionsPanel manage={caps.manage} townCode={townCode} />,
          },
          {
            key: 'competences',
            label: <span data-testid="tab-competences">{t('training.tabs.competences')}</span>,
            children: <CompetencesPanel manage={caps.manage} />,
          },
          {
            key: 'requirements',
            label: <span data-testid="tab-requirements">{t('training.tabs.requirements')}</span>,
            children: <RequirementsPanel manage={caps.manage} />,
          },
          {
            key: 'figures',
            label: <span data-testid="tab-figures">{t('training.tabs.figures')}</span>,
            children: <TrainingFiguresPanel townCode={townCode} />,
          },
        ]}
      />
    </div>
  );
}

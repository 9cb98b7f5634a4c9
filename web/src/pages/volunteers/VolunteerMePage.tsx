import { App, Button, Card, Descriptions, Form, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  claimMyVolunteer,
  fetchMyVolunteer,
  updateVolunteer,
  withdrawJoin,
  type Availability,
  type MemberStatus,
  type Volunteer,
} from '../../api/volunteers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useMe, useSession } from '../../session/session-context';
import { AvailabilityPicker, availabilityText } from './AvailabilityPicker';
import { ColourDot } from './CategoryTag';
import { RegistrationForm } from './RegistrationForm';
import { homeDistrictOf } from '../../lib/capabilities';
import './volunteers.css';

export const MEMBER_COLOR: Record<MemberStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
  left: 'default',
};

function EditSkills({ volunteer, onSaved }: { volunteer: Volunteer; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useAction(async (v: { skills: string[]; availability: Availability }) => {
    try {
      await updateVolunteer(volunteer.id, { skills: v.skills, availability: v.availability });
      void message.success(t('volunteers.me.saved'));
      onSaved();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  return (
    <Form
      layout="vertical"
      onFinish={(v: { skills: string[]; availability: Availability }) => void save.run(v)}
      initialValues={{ skills: volunteer.skills, availability: volunteer.availability }}
    >
      <Form.Item name="skills" label={t('volunteers.register.skills')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="vs-edit-skills" />
      </Form.Item>
      <Form.Item name="availability" label={t('volunteers.register.availability')}>
        <AvailabilityPicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.busy} data-testid="vs-edit-save">
        {t('volunteers.action.save')}
      </Button>
    </Form>
  );
}

/**
 * Issue #15: a record staff registered at a station is claimed with the phone this account
 * verified by SMS code — then the volunteer role, sign-ups and hours follow.
 */
function ClaimCard({ onClaimed }: { onClaimed: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const claim = useAction(async () => {
    await claimMyVolunteer();
    await refresh();
    onClaimed();
  });
  return (
    <Card className="vs-claim" data-testid="vs-claim">
      <p>{t('volunteers.me.claimIntro')}</p>
      <Button onClick={() => void claim.run()} loading={claim.busy} data-testid="vs-claim-button">
        {t('volunteers.me.claim')}
      </Button>
      {claim.error !== null && <ErrorAlert error={claim.error} />}
    </Card>
  );
}

/** A volunteer's own page: register under one's real name, or see one's card and teams. */
export default function VolunteerMePage() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useAsync((signal) => fetchMyVolunteer(signal), 'vs-me');
  const [editing, setEditing] = useState(false);
  const { message } = App.useApp();
  const root = homeDistrictOf(me) ?? '110115000000';
  const withdrawing = useKeyedAction(async (id: string, team: string) => {
    try {
      await withdrawJoin(id);
      void message.success(t('volunteers.join.withdrawn', { team }));
      mine.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const withdraw = (id: string, team: string) => void withdrawing.run(id, id, team);

  if (mine.status === 'error') return <ErrorAlert error={mine.error} onRetry={mine.reload} />;
  if (!mine.data) return <Card loading />;
  const v = mine.data.volunteer;

  if (!v) {
    return (
      <div className="vs-page vs-narrow">
        <PageHeading
          title={t('volunteers.me.registerTitle')}
          subtitle={t('volunteers.me.registerIntro')}
        />
        <ClaimCard onClaimed={() => mine.reload()} />
        <Card>
          <RegistrationForm mode="self" rootCode={root} onRegistered={() => mine.reload()} />
        </Card>
      </div>
    );
  }

  return (
    <div className="vs-page vs-narrow">
      <PageHeading title={t('volunteers.me.title')} />
      <Card className="vs-card" data-testid="vs-my-card">
        <div className="vs-card-head">
          <span className="vs-number">{v.volunteerNumber}</span>
          <Tag color={v.status === 'active' ? 'green' : 'default'}>
            {t(`volunteers.status.${v.status}`)}
          </Tag>
        </div>
        <Descriptions column={1} size="middle">
          <Descriptions.Item label={t('volunteers.field.fullName')}>{v.fullName}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.id')}>{v.idMasked}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.age')}>{v.age}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.phone')}>
            {v.phoneMasked ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.home')}>
            {v.homeRegionName}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.skills')}>
            {v.skills.length ? v.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('volunteers.field.availability')}>
            {availabilityText(t, v.availability, '—')}
          </Descriptions.Item>
          {v.guardianConsent && (
            <Descriptions.Item label={t('volunteers.consent.title')}>
              {t('volunteers.consent.summary', {
                name: v.guardianConsent.guardianName,
                relation: v.guardianConsent.relation,
                phone: v.guardianConsent.guardianPhoneMasked,
                method: t(`volunteers.consent.methods.${v.guardianConsent.method}`),
              })}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Button onClick={() => setEditing((e) => !e)} data-testid="vs-edit">
          {editing ? t('common.cancel') : t('volunteers.me.edit')}
        </Button>
        {editing && (
          <div className="vs-edit">
            <EditSkills
              volunteer={v}
              onSaved={() => {
                setEditing(false);
                mine.reload();
              }}
            />
          </div>
        )}
      </Card>
      <Card title={<h2>{t('volunteers.me.teams')}</h2>} className="vs-card">
        <List
          dataSource={mine.data.memberships}
          locale={{ emptyText: t('volunteers.me.noTeams') }}
          renderItem={(m) => (
            <List.Item data-testid="vs-membership">
              <span className="vs-team-name">
                <ColourDot colour={m.teamColour} label={m.teamName} /> {m.teamName}
              </span>
              <Tag color={MEMBER_COLOR[m.status]}>{t(`volunteers.memberStatus.${m.status}`)}</Tag>
              {m.availableActions.includes('withdraw') && (
                <Button
                  size="small"
                  loading={withdrawing.isBusy(m.id)}
                  onClick={() => withdraw(m.id, m.teamName)}
                  data-testid="vs-join-withdraw"
                >
                  {t('volunteers.join.withdraw')}
                </Button>
              )}
            </List.Item>
          )}
        />
        <div className="vs-links">
          <Link to="/vs/teams">{t('volunteers.me.findTeams')}</Link>
          <Link to="/vs/lists">{t('volunteers.me.openLists')}</Link>
        </div>
      </Card>
    </div>
  );
}

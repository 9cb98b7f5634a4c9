import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FormOutlined,
  IdcardOutlined,
  HeartOutlined,
  InboxOutlined,
  OrderedListOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useMe } from '../../session/session-context';
import { activityCapabilitiesOf } from '../../lib/page-capabilities';
import { caseCapabilitiesOf } from '../../lib/page-capabilities';
import { orderCapabilitiesOf } from '../../lib/page-capabilities';
import { programCapabilitiesOf } from '../../lib/page-capabilities';
import { OrganiserHome } from '../programs/OrganiserHome';
import { NavCard } from './NavCard';
import { ScopeLine } from './ScopeLine';

function greetingKey(hour: number) {
  if (hour < 11) return 'home.greetingMorning' as const;
  if (hour < 13) return 'home.greetingNoon' as const;
  if (hour < 18) return 'home.greetingAfternoon' as const;
  return 'home.greetingEvening' as const;
}

/** A greeting and one card for each thing this user can do now. */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const caseCaps = useMemo(() => caseCapabilitiesOf(me), [me]);
  const orderCaps = useMemo(() => orderCapabilitiesOf(me), [me]);
  const activityCaps = useMemo(() => activityCapabilitiesOf(me), [me]);
  const programCaps = useMemo(() => programCapabilitiesOf(me), [me]);
  const ownRegion = me.grants[0]?.regionCode;

  return (
    <div className="page home-page">
      <PageHeading
        title={t(greetingKey(new Date().getHours()), { name: me.displayName })}
        subtitle={<ScopeLine grants={me.grants} />}
      />
      {programCaps.organise && <OrganiserHome now={new Date()} />}
      <ul className="nav-cards">
        {programCaps.organise && (
          <NavCard
            testId="home-card-programs"
            to="/programs"
            icon={<ReadOutlined />}
            title={t('programs.nav.programs')}
            description={t('programs.home.cardDescription')}
          />
        )}
        {orderCaps.residentNav && (
          <NavCard
            testId="home-card-order"
            to="/vs/order"
            icon={<HeartOutlined />}
            title={t('home.cards.order.title')}
            description={t('home.cards.order.description')}
          />
        )}
        {orderCaps.residentNav && (
          <NavCard
            testId="home-card-my-orders"
            to="/vs/my-orders"
            icon={<OrderedListOutlined />}
            title={t('home.cards.myOrders.title')}
            description={t('home.cards.myOrders.description')}
          />
        )}
        {orderCaps.board && (
          <NavCard
            testId="home-card-board"
            to="/vs/board"
            icon={<SolutionOutlined />}
            title={t('home.cards.board.title')}
            description={t('home.cards.board.description')}
          />
        )}
        {orderCaps.inbox && (
          <NavCard
            testId="home-card-inbox"
            to="/vs/inbox"
            icon={<InboxOutlined />}
            title={t('home.cards.inbox.title')}
            description={t('home.cards.inbox.description')}
          />
        )}
        {activityCaps.navigation && (
          <NavCard
            testId="home-card-activities"
            to={activityCaps.manage ? '/vs/activities' : '/vs/my-activities'}
            icon={<ScheduleOutlined />}
            title={t('home.cards.activities.title')}
            description={
              activityCaps.manage
                ? t('home.cards.activities.descriptionManager')
                : t('home.cards.activities.descriptionVolunteer')
            }
          />
        )}
        {caseCaps.fileCases && (
          <NavCard
            testId="home-card-workbench"
            to="/cases/new"
            icon={<FormOutlined />}
            title={t('cases.home.workbench.title')}
            description={t('cases.home.workbench.description')}
          />
        )}
        {caseCaps.readCases && (
          <NavCard
            testId="home-card-cases"
            to="/cases"
            icon={<FileDoneOutlined />}
            title={t('cases.home.cases.title')}
            description={t('cases.home.cases.description')}
          />
        )}
        {caseCaps.overview && (
          <NavCard
            testId="home-card-overview"
            to="/cases/overview"
            icon={<BarChartOutlined />}
            title={t('cases.home.overview.title')}
            description={t('cases.home.overview.description')}
          />
        )}
        {caps.readResidents && (
          <NavCard
            testId="home-card-residents"
            to="/residents"
            icon={<IdcardOutlined />}
            title={t('home.cards.residents.title')}
            description={
              caps.registerResidents
                ? t('home.cards.residents.descriptionRegistrar')
                : t('home.cards.residents.descriptionReader')
            }
          />
        )}
        {!caps.isStaff && ownRegion && (
          <NavCard
            testId="home-card-my-station"
            to={`/regions/${ownRegion}`}
            icon={<ShopOutlined />}
            title={t('home.cards.myStation.title')}
            description={t('home.cards.myStation.description')}
          />
        )}
        <NavCard
          testId="home-card-catalog"
          to="/catalog"
          icon={<BookOutlined />}
          title={t('catalog.home.catalogTitle')}
          description={
            caps.isStaff
              ? t('catalog.home.catalogDescription')
              : t('catalog.home.catalogDescriptionResident')
          }
        />
        {caps.isStaff && (
          <NavCard
            testId="home-card-calendar"
            to="/calendar"
            icon={<CalendarOutlined />}
            title={t('catalog.home.calendarTitle')}
            description={t('catalog.home.calendarDescription')}
          />
        )}
        <NavCard
          testId="home-card-regions"
          to="/regions"
          icon={<EnvironmentOutlined />}
          title={t('home.cards.regions.title')}
          description={t('home.cards.regions.description')}
        />
        {caps.readAudit && (
          <NavCard
            testId="home-card-audit"
            to="/audit"
            icon={<AuditOutlined />}
            title={t('home.cards.audit.title')}
            description={t('home.cards.audit.description')}
          />
        )}
        <NavCard
          testId="home-card-settings"
          to="/settings"
          icon={<SettingOutlined />}
          title={t('home.cards.settings.title')}
          description={t('home.cards.settings.description')}
        />
      </ul>
    </div>
  );
}

import {
  AuditOutlined,
  CloudUploadOutlined,
  InboxOutlined,
  ProfileOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  CarryOutOutlined,
  CarOutlined,
  HeartOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  PieChartOutlined,
  UnorderedListOutlined,
  ReadOutlined,
  SafetyOutlined,
  LikeOutlined,
  KeyOutlined,
  ApiOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capabilities, TrainingCapabilities } from '../lib/page-capabilities';
import type { CaseCapabilities } from '../lib/page-capabilities';
import type { ActivityCapabilities } from '../lib/page-capabilities';
import type { FirstResponseCapabilities } from '../lib/page-capabilities';
import type { VolunteerCapabilities } from '../lib/page-capabilities';
import type { OrderCapabilities } from '../lib/page-capabilities';
import type { RecordsCapabilities } from '../lib/page-capabilities';
import type { ProgramCapabilities } from '../lib/page-capabilities';

export type NavKey =
  | 'home'
  | 'regions'
  | 'residents'
  | 'audit'
  | 'settings'
  | 'posts'
  | 'training'
  | 'appointments'
  | 'homeVisits'
  | 'imports'
  | 'accounts'
  | 'open311Keys'
  | 'webhooks';
/** The case pages' entries; their words are in the cases namespace (cases.nav.*). */
export type CasesNavKey = 'workbench' | 'cases' | 'overview' | 'authorizations';

export const isCasesNavKey = (key: string): key is CasesNavKey =>
  key === 'workbench' || key === 'cases' || key === 'overview' || key === 'authorizations';
/** The first-response entries; their words are in firstresponse.nav.*. */
export type FirstResponseNavKey = 'inquiries' | 'handoffs';

export const isFirstResponseNavKey = (key: string): key is FirstResponseNavKey =>
  key === 'inquiries' || key === 'handoffs';
/** The catalog and calendar entries; their words are in the catalog namespace (catalog.nav.*). */
export type CatalogNavKey = 'catalog' | 'calendar';

export const isCatalogNavKey = (key: string): key is CatalogNavKey =>
  key === 'catalog' || key === 'calendar';

/** The VS-6 activity entries; their words are in activities.nav.*. */
export type ActivitiesNavKey = 'activities' | 'myActivities';

export const isActivitiesNavKey = (key: string): key is ActivitiesNavKey =>
  key === 'activities' || key === 'myActivities';

/** The VS-1/VS-2 entries; their words are in volunteers.nav.*. */
export type VolunteersNavKey = 'vsMe' | 'vsRegistry' | 'vsTeams' | 'vsLists';

export const isVolunteersNavKey = (key: string): key is VolunteersNavKey =>
  key === 'vsMe' || key === 'vsRegistry' || key === 'vsTeams' || key === 'vsLists';

/** The VS-3/4/5 order entries; their words are in orders.nav.*. */
export type OrdersNavKey = 'vsOrder' | 'vsMyOrders' | 'vsBoard' | 'vsInbox';

export const isOrdersNavKey = (key: string): key is OrdersNavKey =>
  key === 'vsOrder' || key === 'vsMyOrders' || key === 'vsBoard' || key === 'vsInbox';

/** The VS-8/9/10 entries; their words are in records.nav.*. */
export type RecordsNavKey = 'vsRecord' | 'vsCertificates' | 'vsFigures';

export const isRecordsNavKey = (key: string): key is RecordsNavKey =>
  key === 'vsRecord' || key === 'vsCertificates' || key === 'vsFigures';

/** The CP-1/CP-2 organiser entries; their words are in programs.nav.*. */
export type ProgramsNavKey = 'programs' | 'programsNeighbourhoods';

export const isProgramsNavKey = (key: string): key is ProgramsNavKey =>
  key === 'programs' || key === 'programsNeighbourhoods';

/** The CP-5 program figures entry; its words are in programsFigures.nav.*. */
export type ProgramFiguresNavKey = 'cpFigures';

/** GS-13 好差评 entries; their words are in ratings.nav.*. */
export type RatingsNavKey = 'ratings' | 'ratingTickets';

export const isRatingsNavKey = (key: string): key is RatingsNavKey =>
  key === 'ratings' || key === 'ratingTickets';

export const isProgramFiguresNavKey = (key: string): key is ProgramFiguresNavKey =>
  key === 'cpFigures';

export interface NavItem {
  key:
    | ProgramsNavKey
    | ProgramFiguresNavKey
    | RatingsNavKey
    | RecordsNavKey
    | OrdersNavKey
    | VolunteersNavKey
    | NavKey
    | CasesNavKey
    | CatalogNavKey
    | FirstResponseNavKey
    | ActivitiesNavKey;
  to: string;
  icon: ReactNode;
  /** Also active on these path prefixes. */
  end: boolean;
  /** Left out of the phone's bottom tab bar, which has room for about six. */
  sideOnly?: boolean;
}

/** Only what the user may open: no dead links. */
export function navItemsFor(
  caps: Capabilities,
  caseCaps?: CaseCapabilities,
  frCaps?: FirstResponseCapabilities,
  activityCaps?: ActivityCapabilities,
  vsCaps?: VolunteerCapabilities,
  orderCaps?: OrderCapabilities,
  recordsCaps?: RecordsCapabilities,
  programCaps?: ProgramCapabilities,
  trainingCaps?: TrainingCapabilities,
): NavItem[] {
  const items: (NavItem | false)[] = [
    { key: 'home', to: '/', icon: <HomeOutlined aria-hidden />, end: true },
    !!programCaps?.organise && {
      key: 'programs',
      to: '/programs',
      icon: <ReadOutlined aria-hidden />,
      end: false,
    },
    !!programCaps?.organise && {
      key: 'programsNeighbourhoods',
      to: '/programs/neighbourhoods',
      icon: <EnvironmentOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!orderCaps?.residentNav && {
      key: 'vsOrder',
      to: '/vs/order',
      icon: <ShoppingCartOutlined aria-hidden />,
      end: true,
    },
    !!orderCaps?.residentNav && {
      key: 'vsMyOrders',
      to: '/vs/my-orders',
      icon: <ProfileOutlined aria-hidden />,
      end: true,
    },
    !!orderCaps?.board && {
      key: 'vsBoard',
      to: '/vs/board',
      icon: <SolutionOutlined aria-hidden />,
      end: true,
    },
    !!orderCaps?.inbox && {
      key: 'vsInbox',
      to: '/vs/inbox',
      icon: <InboxOutlined aria-hidden />,
      end: true,
    },
    !!caseCaps?.fileCases && {
      key: 'workbench',
      to: '/cases/new',
      icon: <FormOutlined aria-hidden />,
      end: true,
    },
    !!caseCaps?.fileCases && {
      key: 'appointments',
      to: '/appointments',
      icon: <FormOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!caseCaps?.readCases && {
      key: 'cases',
      to: '/cases',
      icon: <FileDoneOutlined aria-hidden />,
      end: true,
    },
    !!caseCaps?.overview && {
      key: 'overview',
      to: '/cases/overview',
      icon: <BarChartOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!caseCaps?.authorizations && {
      key: 'authorizations',
      to: '/authorizations',
      icon: <SafetyCertificateOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.homeVisits && {
      key: 'homeVisits',
      to: '/home-visits',
      icon: <CarOutlined aria-hidden />,
      end: false,
      sideOnly: true,
    },
    !!frCaps?.handle && {
      key: 'inquiries',
      to: '/inquiries',
      icon: <MessageOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!frCaps?.readHandoffs && {
      key: 'handoffs',
      to: '/handoffs',
      icon: <SendOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!activityCaps?.volunteer && {
      key: 'myActivities',
      to: '/vs/my-activities',
      icon: <HeartOutlined aria-hidden />,
      end: true,
    },
    !!activityCaps?.navigation && {
      key: 'activities',
      to: '/vs/activities',
      icon: <CarryOutOutlined aria-hidden />,
      end: false,
      // Volunteers find open activities from "my activities"; the tab bar has room for about six.
      sideOnly: !!activityCaps.volunteer,
    },
    !!vsCaps?.volunteer && {
      key: 'vsMe',
      to: '/volunteers/me',
      icon: <IdcardOutlined aria-hidden />,
      end: true,
    },
    !!vsCaps?.staff && {
      key: 'vsRegistry',
      to: '/volunteers',
      icon: <IdcardOutlined aria-hidden />,
      end: true,
    },
    !!vsCaps?.navigation && {
      key: 'vsTeams',
      to: '/vs/teams',
      icon: <TeamOutlined aria-hidden />,
      end: true,
      sideOnly: !vsCaps.staff && !vsCaps.leader,
    },
    !!vsCaps?.navigation && {
      key: 'vsLists',
      to: '/vs/lists',
      icon: <UnorderedListOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!recordsCaps?.volunteer && {
      key: 'vsRecord',
      to: '/vs/me',
      icon: <TrophyOutlined aria-hidden />,
      end: true,
    },
    !!recordsCaps?.issue && {
      key: 'vsCertificates',
      to: '/vs/certificates',
      icon: <SafetyCertificateOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    !!recordsCaps?.figures && {
      key: 'vsFigures',
      to: '/vs/figures',
      icon: <PieChartOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.programFigures && {
      key: 'cpFigures',
      to: '/programs/figures',
      icon: <BarChartOutlined aria-hidden />,
      end: true,
      // Staff have a full tab bar; an organiser gets the figures as a tab.
      sideOnly: caps.isStaff,
    },
    !!trainingCaps?.read && {
      key: 'training',
      to: '/training',
      icon: <SafetyOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.ratingsHandle && {
      key: 'ratingTickets',
      to: '/ratings/tickets',
      icon: <AuditOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.ratingsRead && {
      key: 'ratings',
      to: '/ratings',
      icon: <LikeOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    { key: 'regions', to: '/regions', icon: <EnvironmentOutlined aria-hidden />, end: false },
    caps.readResidents && {
      key: 'residents',
      to: '/residents',
      icon: <IdcardOutlined aria-hidden />,
      end: false,
    },
    {
      key: 'catalog',
      to: '/catalog',
      icon: <BookOutlined aria-hidden />,
      end: false,
      // Staff have a full tab bar (and the home card); residents get the catalog as a tab.
      sideOnly: caps.isStaff,
    },
    caps.isStaff && {
      key: 'calendar',
      to: '/calendar',
      icon: <CalendarOutlined aria-hidden />,
      end: false,
      sideOnly: true,
    },
    caps.posts && {
      key: 'posts',
      to: '/posts',
      icon: <TeamOutlined aria-hidden />,
      end: false,
      sideOnly: true,
    },
    caps.imports && {
      key: 'imports',
      to: '/imports',
      icon: <CloudUploadOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.readAudit && {
      key: 'audit',
      to: '/audit',
      icon: <AuditOutlined aria-hidden />,
      end: false,
    },
    caps.manageAccounts && {
      key: 'accounts',
      to: '/accounts',
      icon: <UserSwitchOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.open311Keys && {
      key: 'open311Keys',
      to: '/open311-keys',
      icon: <KeyOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    caps.webhooks && {
      key: 'webhooks',
      to: '/webhooks',
      icon: <ApiOutlined aria-hidden />,
      end: true,
      sideOnly: true,
    },
    { key: 'settings', to: '/settings', icon: <SettingOutlined aria-hidden />, end: false },
  ];
  return items.filter((item): item is NavItem => item !== false);
}

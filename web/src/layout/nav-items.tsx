import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  MessageOutlined,
  SendOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capabilities } from '../lib/roles';
import type { CaseCapabilities } from '../pages/cases/case-roles';
import type { FirstResponseCapabilities } from '../pages/firstresponse/fr-roles';

export type NavKey = 'home' | 'regions' | 'residents' | 'audit' | 'settings';
/** The case pages' entries; their words are in the cases namespace (cases.nav.*). */
export type CasesNavKey = 'workbench' | 'cases' | 'overview';

export const isCasesNavKey = (key: string): key is CasesNavKey =>
  key === 'workbench' || key === 'cases' || key === 'overview';
/** The first-response entries; their words are in firstresponse.nav.*. */
export type FirstResponseNavKey = 'inquiries' | 'handoffs';

export const isFirstResponseNavKey = (key: string): key is FirstResponseNavKey =>
  key === 'inquiries' || key === 'handoffs';
/** The catalog and calendar entries; their words are in the catalog namespace (catalog.nav.*). */
export type CatalogNavKey = 'catalog' | 'calendar';

export const isCatalogNavKey = (key: string): key is CatalogNavKey =>
  key === 'catalog' || key === 'calendar';

export interface NavItem {
  key: NavKey | CasesNavKey | CatalogNavKey | FirstResponseNavKey;
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
): NavItem[] {
  const items: (NavItem | false)[] = [
    { key: 'home', to: '/', icon: <HomeOutlined aria-hidden />, end: true },
    !!caseCaps?.fileCases && {
      key: 'workbench',
      to: '/cases/new',
      icon: <FormOutlined aria-hidden />,
      end: true,
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
    caps.readAudit && {
      key: 'audit',
      to: '/audit',
      icon: <AuditOutlined aria-hidden />,
      end: false,
    },
    { key: 'settings', to: '/settings', icon: <SettingOutlined aria-hidden />, end: false },
  ];
  return items.filter((item): item is NavItem => item !== false);
}

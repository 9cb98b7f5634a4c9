import {
  AuditOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Capabilities } from '../lib/roles';

export type NavKey = 'home' | 'regions' | 'residents' | 'audit' | 'settings';

export interface NavItem {
  key: NavKey;
  to: string;
  icon: ReactNode;
  /** Also active on these path prefixes. */
  end: boolean;
}

/** Only what the user may open: no dead links. */
export function navItemsFor(caps: Capabilities): NavItem[] {
  const items: (NavItem | false)[] = [
    { key: 'home', to: '/', icon: <HomeOutlined aria-hidden />, end: true },
    { key: 'regions', to: '/regions', icon: <EnvironmentOutlined aria-hidden />, end: false },
    caps.readResidents && {
      key: 'residents',
      to: '/residents',
      icon: <IdcardOutlined aria-hidden />,
      end: false,
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

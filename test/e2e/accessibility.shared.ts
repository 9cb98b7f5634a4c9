/**
 * The modes, demo roles and helpers of the staff-app axe sweep (accessibility.e2e.test.ts), kept
 * apart so the sweep itself stays short.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const SHOTS = 'test-results';

export interface Mode {
  name: string;
  viewport: { width: number; height: number };
  phone: boolean;
  elderlyMode: boolean;
  locale: 'zh-CN' | 'en';
}

export const MODES: Mode[] = [
  {
    name: 'desktop',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: false,
    locale: 'zh-CN',
  },
  {
    name: 'desktop-elderly',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: true,
    locale: 'zh-CN',
  },
  {
    name: 'desktop-en',
    viewport: { width: 1280, height: 800 },
    phone: false,
    elderlyMode: false,
    locale: 'en',
  },
  {
    name: 'phone',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: false,
    locale: 'zh-CN',
  },
  {
    name: 'phone-elderly',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: true,
    locale: 'zh-CN',
  },
  {
    name: 'phone-en',
    viewport: { width: 390, height: 844 },
    phone: true,
    elderlyMode: false,
    locale: 'en',
  },
];

/** The demo roles with pages of their own, in the order tried for each page. */
export const ROLES = [
  'clerk',
  'town',
  'vstaff',
  'leader',
  'volunteer',
  'resident',
  'admin',
  'hh-organiser',
] as const;
export type Role = (typeof ROLES)[number];

export const LI_ID = '110115194803120019';

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  target: string;
  detail: string;
  page: string;
  mode: string;
  role: string;
}

export async function json<T>(
  context: BrowserContext,
  base: string,
  method: string,
  url: string,
  body?: unknown,
) {
  const response = await context.request.fetch(`${base}${url}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  if (!response.ok())
    throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

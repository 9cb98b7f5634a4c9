import { inject } from 'vitest';

/** The demo database every default `createTestApp()` copies (seeded once per run: demo-template.ts). */
export type DemoTemplate =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; database: string };

export const DEMO_TEMPLATE_RESIDENTS = 20;

/** The run's template for this dialect, or null outside the integration tier. */
export function demoTemplate(dialect: string): DemoTemplate | null {
  try {
    const t = inject('demoTemplate');
    return t && t.dialect === dialect ? t : null;
  } catch {
    return null; // not provided (another tier, or outside vitest)
  }
}

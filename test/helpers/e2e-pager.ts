/**
 * Issue #16 p5 in the browser: a journey's few rows span several keyset pages when every GET of
 * `<list>/page` asks for one row, so "下一页" and "上一页" are really exercised.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** From now on this page's requests of `/api/v1<list>/page` ask for one row a page. */
export async function pageOneByOne(page: Page, list: string): Promise<void> {
  const path = `/api/v1${list}/page`;
  await page.route(
    (url) => url.pathname === path,
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('limit', '1');
      return route.continue({ url: url.toString() });
    },
  );
}

/**
 * The CursorPager `testId` shows an exact total of at least `atLeast` (Chinese UI), "下一页" opens
 * page 2 and "上一页" comes back to page 1. Answers the total shown.
 */
export async function checkPager(page: Page, testId: string, atLeast: number): Promise<number> {
  const total = page.getByTestId(`${testId}-total`);
  await expect.poll(() => total.textContent()).toMatch(/^共 \d+ 条$/);
  const n = Number(/\d+/.exec((await total.textContent()) ?? '')?.[0]);
  expect(n).toBeGreaterThanOrEqual(atLeast);
  await page.getByTestId(`${testId}-next`).click();
  await expect.poll(() => page.getByTestId(testId).textContent()).toMatch(/第 2 页/);
  await page.getByTestId(`${testId}-previous`).click();
  await expect.poll(() => page.getByTestId(testId).textContent()).toMatch(/第 1 页/);
  return n;
}

// The timeline (issue #4): ready and available pods per version, and under them each Service's
// band, broken where it had no ready endpoint: a Recreate rollout shows a gap, a rolling update none.
import { test, expect, type Page } from '@playwright/test';

const SHOTS = 'tests/e2e/screenshots';
const SET_IMAGE = 'kubectl set image deployment/nginx-deployment nginx=nginx:1.15';

const terminal = (page: Page) => page.getByRole('textbox', { name: 'kubectl' });
const output = (page: Page) => page.getByRole('log', { name: 'Terminal output' });
const readyPods = (page: Page, image: string) => page.locator(`[data-pod][data-ready="true"][data-image="${image}"]`);
const band = (page: Page) => page.locator('[data-service-band="nginx"]');

async function open(page: Page, scenario: string) {
  await page.goto('/?lang=en');
  await expect(terminal(page)).toBeVisible();
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: scenario });
  await expect(output(page)).toContainText(`Scenario: ${scenario}.`);
  await expect(readyPods(page, 'nginx:1.14')).toHaveCount(3, { timeout: 60_000 });
}

async function rollOut(page: Page) {
  await terminal(page).fill(SET_IMAGE);
  await terminal(page).press('Enter');
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment image updated');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
  await expect(readyPods(page, 'nginx:1.15')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator('[data-pod][data-image="nginx:1.14"]')).toHaveCount(0, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

test('after a Recreate rollout the Service band shows the gap, in words too, light and dark', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await open(page, 'Recreate');
  // The seconds before the first pods were ready are the Service starting, not an outage.
  await expect(band(page)).toHaveAttribute('data-gaps', '0');
  await expect(band(page)).toHaveAttribute('data-state', 'up');
  await expect(band(page).getByRole('img')).toHaveAttribute('aria-label', 'Service nginx: a ready endpoint all along');
  await rollOut(page);

  const gap = band(page).locator('.timeline-gap');
  await expect(gap).toHaveCount(1);
  const from = Number(await gap.getAttribute('data-gap-from'));
  const to = Number(await gap.getAttribute('data-gap-to'));
  expect(from).toBeGreaterThanOrEqual(20);
  expect(to).toBeGreaterThan(from);
  await expect(band(page)).toHaveAttribute('data-gaps', '1');
  await expect(band(page).getByRole('img')).toHaveAttribute('aria-label', `Service nginx: no ready endpoints from ${from} s to ${to} s`);
  // The gap is drawn: as wide as its seconds are on the strip, under the pods' own gap.
  const box = (await gap.boundingBox())!;
  const strip = (await band(page).boundingBox())!;
  // The strip spans the history it holds (30 s here), so a gap of a few seconds is no sliver.
  const span = Number((await band(page).getByRole('img').getAttribute('viewBox'))!.split(' ')[2]);
  expect(span).toBe(30);
  await expect(page.locator('.timeline-axis')).toHaveText(/^−0:30\s*−0:15\s*now$/);
  expect(box.width).toBeGreaterThan((strip.width * (to - from)) / span - 2);
  const pods = (await page.locator('.timeline-pods').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(pods.y + pods.height - 1);
  // Old and new version areas, both drawn.
  await expect(page.locator('.timeline-pods g[data-image]')).toHaveCount(2);
  // All in view at 1280x720, without scrolling the page.
  expect(strip.y + strip.height).toBeLessThanOrEqual(720);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
  await page.screenshot({ path: `${SHOTS}/60-timeline-recreate.png`, animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/61-timeline-recreate-dark.png`, animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });
  // In Korean, the words are Korean.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await expect(band(page).getByRole('img')).toHaveAttribute('aria-label', `서비스 nginx: ${from}초부터 ${to}초까지 준비된 엔드포인트 없음`);
  await expect(page.locator('.timeline-legend')).toHaveText('사용 가능 · 최대 3');
  await page.screenshot({ path: `${SHOTS}/64-timeline-recreate-korean.png`, animations: 'disabled' });
  expect(errors).toEqual([]);
});

test('after a rolling update the Service band has no gap', async ({ page }) => {
  await open(page, 'Rolling update');
  await rollOut(page);
  await expect(band(page)).toHaveAttribute('data-gaps', '0');
  await expect(band(page).locator('.timeline-gap')).toHaveCount(0);
  await expect(band(page)).toHaveAttribute('data-state', 'up');
  await expect(band(page).getByRole('img')).toHaveAttribute('aria-label', 'Service nginx: a ready endpoint all along');
  await expect(page.locator('.timeline-pods')).toHaveAttribute('data-overlap', 'true');
  await expect(page.locator('.timeline-pods')).toHaveAttribute('aria-label', /Now: 3 × nginx:1\.15 \(3 available\)\./);
  await page.screenshot({ path: `${SHOTS}/62-timeline-rolling.png`, animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/63-timeline-rolling-dark.png`, animations: 'disabled' });
});

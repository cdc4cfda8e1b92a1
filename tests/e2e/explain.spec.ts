// The events feed explains each controller decision in one plain sentence (src/explain.rs), in
// the page's language.
import { test, expect, type Page } from '@playwright/test';

const SHOTS = 'tests/e2e/screenshots';
const SETTLE = { timeout: 60_000 };

const terminal = (page: Page) => page.getByRole('textbox', { name: 'kubectl' });
const explanations = (page: Page) => page.locator('.event-list .event .explanation');

async function open(page: Page) {
  await page.goto('/');
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(terminal(page)).toBeVisible();
}

async function runCommand(page: Page, line: string) {
  await terminal(page).fill(line);
  await terminal(page).press('Enter');
  await expect(terminal(page)).toHaveValue('');
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

test('after kubectl set image, the events explain the surge in English and in Korean', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await open(page);
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(3, SETTLE);
  // Paused, the feed keeps what the command itself set off: the Deployment controller's first step.
  await page.getByRole('button', { name: 'Pause' }).click();
  await runCommand(page, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.15');

  // The default Deployment: 3 replicas, maxSurge 50% (2 pods), maxUnavailable 50% (1 pod).
  // The feed lists the newest twenty, newest first: the controller's first step (up to 2) is the
  // last of its surge steps there.
  const surges = explanations(page).filter({ hasText: /maxSurge 50% \(2 pods\) lets the total reach 5/ });
  await expect(surges.first()).toBeVisible();
  const surge = surges.last();
  await expect(surge).toContainText(/up to 2\.$/);
  await expect(surge).toHaveAttribute('lang', 'en');
  await expect(surge).toContainText(/so the Deployment controller scaled the new ReplicaSet nginx-deployment-\w+ up to \d/);
  const surgeEvent = page.locator('.event', { has: page.locator('.explanation', { hasText: /maxSurge 50% \(2 pods\)/ }) }).last();
  await expect(surgeEvent.locator('.reason')).toHaveText('ScalingReplicaSet');
  // Every shown event that has an explanation shows one, under it.
  const box = await surgeEvent.locator('.message').boundingBox();
  const under = await surge.boundingBox();
  expect(box && under && under.y >= box.y + box.height - 1).toBeTruthy();
  // At 1280x720 the feed sits beside the timeline, both in view without scrolling the page.
  const feed = await page.locator('.events').boundingBox();
  const strip = await page.locator('.timeline').boundingBox();
  expect(feed && strip).toBeTruthy();
  expect(feed!.x).toBeGreaterThanOrEqual(strip!.x + strip!.width - 1);
  expect(feed!.y).toBeLessThan(strip!.y + strip!.height);
  expect(Math.max(feed!.y + feed!.height, strip!.y + strip!.height)).toBeLessThanOrEqual(720);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
  // Every controller decision the feed lists is explained.
  const decisions = page.locator('.event', { has: page.locator('.reason', { hasText: /^(ScalingReplicaSet|SuccessfulCreate|SuccessfulDelete)$/ }) });
  expect(await decisions.count()).toBeGreaterThan(0);
  for (const decision of await decisions.all()) await expect(decision.locator('.explanation')).toHaveCount(1);
  // The feed is newest first, so the Deployment controller's step is further down its own scroll.
  await surgeEvent.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/30-explain.png`, animations: 'disabled' });

  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  const surgeKo = explanations(page).filter({ hasText: /maxSurge 50%\(파드 2개\) 덕분에 전체가 5개까지 늘 수 있어서/ }).last();
  await expect(surgeKo).toBeVisible();
  await expect(surgeKo).toHaveAttribute('lang', 'ko');
  await expect(surgeKo).toContainText('디플로이먼트 컨트롤러가 새 레플리카셋');
  // The event itself stays as the API wrote it.
  await expect(page.locator('.event .message').filter({ hasText: /^Scaled up replica set nginx-deployment-\w+ to 2$/ })).toHaveCount(1);
  await page.locator('.event', { has: page.locator('.explanation', { hasText: /maxSurge 50%\(파드 2개\)/ }) }).last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/31-explain-korean.png`, animations: 'disabled' });

  // Time goes on: newer events, explained too (the kubelet pulls the new image).
  await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Step' }).click();
  await expect(explanations(page).filter({ hasText: /The kubelet downloads image nginx:1\.15/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});

// Issue #4, the playground page: the cluster drawing's groups named by their real owner, node
// counts that 300 pods do not clip, a one-row tablet top bar, and kubectl's help texts fetched
// when a line first needs them instead of on first load.
import { test, expect, type Page } from '@playwright/test';

const SHOTS = 'tests/e2e/screenshots';
const SETTLE = { timeout: 60_000 };

const terminal = (page: Page) => page.getByRole('textbox', { name: 'kubectl' });
const output = (page: Page) => page.getByRole('log', { name: 'Terminal output' });
const readyPods = (page: Page) => page.locator('[data-pod][data-ready="true"]');

/** Records console errors, uncaught exceptions and any request that leaves 127.0.0.1. */
function watch(page: Page) {
  const problems = { consoleErrors: [] as string[], pageErrors: [] as string[], outside: [] as string[] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1') problems.outside.push(req.url());
  });
  return problems;
}

async function open(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(terminal(page)).toBeVisible();
}

async function runCommand(page: Page, line: string) {
  await terminal(page).fill(line);
  await terminal(page).press('Enter');
  await expect(terminal(page)).toHaveValue('');
}

/** A screenshot for people to look at (git-ignored), with animations settled. */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}`, animations: 'disabled' });
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

test("a Job's pods are drawn under the Job, a bare pod as bare, the Deployment's by revision", async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await runCommand(page, "kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle 'print bpi(2000)'");
  await expect(output(page)).toContainText('job.batch/pi created');
  await runCommand(page, 'kubectl run solo --image=nginx:1.14');
  const job = page.locator('.pod-group[data-owner-kind="Job"][data-owner="pi"]');
  await expect(job).toHaveCount(1, SETTLE);
  await expect(job.locator('.group-label')).toHaveText('job pi');
  await expect(job).toHaveAttribute('title', 'Job pi');
  await expect(job.locator('[data-pod^="pi-"]')).toHaveCount(1);
  await expect(page.locator('.pod-group:not([data-owner-kind]) .group-label')).toHaveText('bare', SETTLE);
  // The Deployment's pods keep their revision label; no group is called just "rs".
  const labels = await page.locator('.group-label').allTextContents();
  expect(labels.filter((label) => /^rev \d+$/.test(label)).length).toBeGreaterThan(0);
  expect(labels).not.toContain('rs');
  await shot(page, '80-groups-job-and-bare.png');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

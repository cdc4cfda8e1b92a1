// kubectl explain in the page's terminal: its API documentation (static/explain/v1.32.json) is
// not part of the first load; the first explain fetches it, then prints the real output.
import { test, expect, type Page } from '@playwright/test';

const SHOTS = 'tests/e2e/screenshots';

const terminal = (page: Page) => page.getByRole('textbox', { name: 'kubectl' });
const output = (page: Page) => page.getByRole('log', { name: 'Terminal output' });
const line = (page: Page, text: string) => output(page).locator('.line.stdout').filter({ hasText: text });
const LOADING_ERROR = 'error: the API documentation is still loading; try again in a moment';

async function runCommand(page: Page, line: string) {
  await terminal(page).fill(line);
  await terminal(page).press('Enter');
  await expect(terminal(page)).toHaveValue('');
}

/** Every request for the documentation, and every page error, from now on. */
function watch(page: Page) {
  const seen = { fetched: [] as string[], errors: [] as string[] };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/explain/')) seen.fetched.push(request.url());
  });
  page.on('pageerror', (err) => seen.errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.errors.push(msg.text());
  });
  return seen;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

test('the first kubectl explain fetches the documentation once and prints the real output', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/?lang=en');
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(3, { timeout: 60_000 });
  // A fresh load, settled and ticking: nothing asked for the documentation.
  expect(seen.fetched).toEqual([]);
  // Tab completion of an explain line does not fetch either.
  await terminal(page).fill('kubectl expl');
  await terminal(page).press('Tab');
  await expect(terminal(page)).toHaveValue('kubectl explain ');
  expect(seen.fetched).toEqual([]);

  // Hold the answer back to see the page say it is loading.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/explain/**', async (route) => {
    await held;
    await route.continue();
  });
  await runCommand(page, 'kubectl explain deployment.spec.strategy');
  await expect(page.getByRole('status').filter({ hasText: 'loading the API documentation…' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/50-kubectl-explain-loading.png` });
  // A line typed meanwhile waits behind it, so the output stays in the order typed.
  await runCommand(page, 'kubectl get deploy');
  release();
  await expect(line(page, 'KIND:').last()).toHaveText('KIND:       Deployment');
  await expect(line(page, 'FIELD:').last()).toHaveText('FIELD: strategy <DeploymentStrategy>');
  await expect(page.getByRole('status').filter({ hasText: 'loading the API documentation…' })).toHaveCount(0);
  await expect(output(page)).not.toContainText(LOADING_ERROR);
  const commands = await output(page).locator('.line.command').allTextContents();
  expect(commands.slice(-2)).toEqual(['$ kubectl explain deployment.spec.strategy', '$ kubectl get deploy']);
  await page.unroute('**/explain/**');

  // Later explains (also without "kubectl", after a global flag, piped) use what was fetched.
  await runCommand(page, 'explain pods.spec.containers.image');
  await expect(line(page, 'FIELD:').last()).toHaveText('FIELD: image <string>');
  await runCommand(page, 'kubectl -n kube-system explain svc | head -2');
  await expect(output(page).locator('.line.stdout').last()).toHaveText('VERSION:    v1');
  // A new cluster (another scenario) keeps the documentation: no second fetch.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Recreate' });
  await expect(output(page)).toContainText('Scenario: Recreate.');
  await runCommand(page, 'kubectl explain rs.spec.minReadySeconds');
  await expect(line(page, 'FIELD:').last()).toHaveText('FIELD: minReadySeconds <integer>');
  expect(seen.fetched.length).toBe(1);
  expect(new URL(seen.fetched[0]).pathname).toBe('/explain/v1.32.json');
  await expect(output(page)).not.toContainText(LOADING_ERROR);
  await page.screenshot({ path: `${SHOTS}/51-kubectl-explain.png` });
  expect(seen.errors).toEqual([]);
});

test('when the documentation cannot be fetched, explain still runs and says so; the next one retries', async ({ page }) => {
  const seen = watch(page);
  await page.route('**/explain/**', (route) => route.abort());
  await page.goto('/?lang=en');
  await expect(terminal(page)).toBeVisible();
  await runCommand(page, 'kubectl explain deployment.spec.strategy');
  await expect(output(page).locator('.line.stderr').last()).toHaveText(LOADING_ERROR);
  await expect(page.getByRole('status').filter({ hasText: 'loading the API documentation…' })).toHaveCount(0);
  // The page goes on working.
  await runCommand(page, 'kubectl get deploy');
  await expect(output(page).locator('.line.stdout', { hasText: /^nginx-deployment/ })).toHaveCount(1);
  await page.unroute('**/explain/**');
  await runCommand(page, 'kubectl explain deployment.spec.strategy');
  await expect(line(page, 'KIND:').last()).toHaveText('KIND:       Deployment');
  expect(seen.fetched.length).toBe(2);
  // The aborted request is the browser's console error; nothing panicked.
  expect(seen.errors.filter((error) => !error.includes('ERR_FAILED'))).toEqual([]);
});

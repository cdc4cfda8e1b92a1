// What the end-to-end specs share: the terminal, opening the page, running a line, screenshots,
// and watching for console errors and requests that leave 127.0.0.1.
import { expect, type Page } from '@playwright/test';

/** Where screenshots go, for people to look at (git-ignored). */
export const SHOTS = 'tests/e2e/screenshots';
/** Real time allowed for the cluster to settle at 1x (image pulls take virtual seconds). */
export const SETTLE = { timeout: 60_000 };

export const terminal = (page: Page) => page.getByRole('textbox', { name: 'kubectl' });
export const output = (page: Page) => page.getByRole('log', { name: 'Terminal output' });
/** Ready pods in the cluster drawing, of one image if given. */
export const readyPods = (page: Page, image?: string) =>
  page.locator(image ? `[data-pod][data-ready="true"][data-image="${image}"]` : '[data-pod][data-ready="true"]');

/** Records console errors, uncaught exceptions and any request that leaves 127.0.0.1. */
export function watch(page: Page) {
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

/** Opens the page (with a query string if given) and waits until the terminal is there. */
export async function open(page: Page, query = '') {
  await page.goto(`/${query}`);
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(terminal(page)).toBeVisible();
}

/** Types a line into the terminal and runs it. */
export async function runCommand(page: Page, line: string) {
  await terminal(page).fill(line);
  await terminal(page).press('Enter');
  await expect(terminal(page)).toHaveValue('');
}

/** A screenshot with animations settled. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}`, animations: 'disabled' });
}

// The page's wasm in two parts (scripts/split-wasm.mjs): the first load fetches only the primary
// module, which runs the default scenario; the rest comes when the learner first acts, either in
// the background (a click) or at once when a command needs it before then (a key press).
import { test, expect, type Page } from '@playwright/test';
import { output, readyPods, runCommand, SETTLE, terminal, watch } from './helpers';

/** The wasm files the page requested, by path. */
function wasmRequests(page: Page) {
  const paths: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) paths.push(path);
  });
  return {
    primary: () => paths.filter((path) => path.endsWith('_bg.wasm')),
    rest: () => paths.filter((path) => path.endsWith('_rest.wasm')),
  };
}

test('the first load runs the default scenario on the primary wasm alone; a click brings the rest in the background', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await page.goto('/?lang=en');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  // The clock runs on (the pods' ages, the timeline) and the terminal has focus: still no rest.
  await expect(page.locator('[data-pod]').first()).toBeVisible();
  await page.waitForTimeout(2_000);
  expect(wasm.primary()).toHaveLength(1);
  // If this fails, the first load now runs functions the profile does not list:
  // run `scripts/size-profile --write` on a fresh release build, then build again.
  expect(wasm.rest()).toEqual([]);

  const rest = page.waitForResponse((response) => response.url().endsWith('_rest.wasm'));
  await page.locator('.yaml-editor, textarea').first().click();
  expect((await rest).status()).toBe(200);
  await runCommand(page, 'kubectl describe deployment nginx-deployment');
  await expect(output(page)).toContainText('StrategyType:           RollingUpdate');
  await runCommand(page, 'kubectl rollout history deployment/nginx-deployment');
  await expect(output(page)).toContainText('REVISION  CHANGE-CAUSE');
  expect(wasm.rest()).toHaveLength(1);
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a command typed before the rest has come waits for it and prints its output', async ({ page }) => {
  const problems = watch(page);
  const wasm = wasmRequests(page);
  await page.goto('/?lang=en');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  expect(wasm.rest()).toEqual([]);
  // The Enter key is the learner's first key press: the command runs at once, in the same task
  // as the background fetch that key press starts, so it loads the rest itself.
  await terminal(page).fill('kubectl describe service nginx');
  await terminal(page).press('Enter');
  await expect(output(page)).toContainText('Endpoints:');
  await runCommand(page, 'kubectl get deploy nginx-deployment -o jsonpath={.spec.strategy.type}');
  await expect(output(page)).toContainText('RollingUpdate');
  expect(wasm.rest().length).toBeGreaterThan(0);
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

// The page's wasm in two parts (scripts/split-wasm.mjs): the first load needs only the primary
// module, which runs the default scenario; the rest comes in the background (three seconds after
// the start, or at the learner's first click or key press), or at once, synchronously, when a
// command needs it before then.
import { test, expect, type Page } from '@playwright/test';
import { output, readyPods, runCommand, SETTLE, terminal, watch } from './helpers';

/** Holds the rest's background fetches (not the synchronous load) until `release()`. */
async function holdBackgroundFetches(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const requests: string[] = [];
  await page.route('**/*_rest.wasm', async (route) => {
    requests.push(route.request().resourceType());
    if (route.request().resourceType() === 'fetch') await held;
    await route.continue();
  });
  return { release, requests };
}

test('the default scenario runs on the primary wasm alone; the rest then comes in the background and every command works', async ({ page }) => {
  const problems = watch(page);
  const rest = await holdBackgroundFetches(page);
  await page.goto('/?lang=en');
  // If this times out, the first load now runs functions the profile does not list (the page
  // waits for a rest that is held back): run `scripts/size-profile --write` on a fresh release
  // build, then build again.
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  expect(rest.requests.filter((type) => type === 'xhr')).toEqual([]);
  // The static data the rest carries (scripts/split-data.mjs) is still zeroes: a string the
  // first load wrongly left to it would read as NULs (its length is in the code), in a text or
  // an attribute, or an element would lose its id.
  await expect(page.locator('#editor-problems')).toHaveText('No problems');
  await expect(page.locator('.event').first()).toContainText('Why:');
  const nuls = await page.evaluate(() => {
    const found: string[] = [];
    if (document.body.innerText.includes('\0')) found.push('text');
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (attribute.name.includes('\0') || attribute.value.includes('\0')) found.push(`${element.tagName} ${attribute.name}`);
      }
    }
    return found;
  });
  expect(nuls).toEqual([]);

  const arrived = page.waitForResponse((response) => response.url().endsWith('_rest.wasm'));
  rest.release();
  expect((await arrived).status()).toBe(200);
  // Compiled and joined to the primary (index.html's loader marks the page).
  await expect(page.locator('html')).toHaveAttribute('data-wasm-rest', 'loaded');
  await runCommand(page, 'kubectl describe deployment nginx-deployment');
  await expect(output(page)).toContainText('StrategyType:           RollingUpdate');
  await runCommand(page, 'kubectl rollout history deployment/nginx-deployment');
  await expect(output(page)).toContainText('REVISION  CHANGE-CAUSE');
  expect(rest.requests).toEqual(['fetch']);
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a command that needs the rest before it has come loads it at once and prints its output', async ({ page }) => {
  const problems = watch(page);
  const rest = await holdBackgroundFetches(page);
  await page.goto('/?lang=en');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  // The background fetch is held: the command's call into the rest loads it synchronously.
  await terminal(page).fill('kubectl describe service nginx');
  await terminal(page).press('Enter');
  await expect(output(page)).toContainText('Endpoints:');
  await expect(page.locator('html')).toHaveAttribute('data-wasm-rest', 'loaded');
  await runCommand(page, 'kubectl get deploy nginx-deployment -o jsonpath={.spec.strategy.type}');
  await expect(output(page)).toContainText('RollingUpdate');
  expect(rest.requests).toContain('xhr');
  rest.release();
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

// The page's layout as a learner sees it: at 1280x720 every node lane and every pod is in view
// (no inner scrollbar hides a lane, nothing covers a pod), also while a rollout grows the
// Deployment; on a tablet the panels stack and the page scrolls, never a box inside it.
import { test, expect, type Page } from '@playwright/test';
import { SETTLE, SHOTS, open, readyPods, runCommand, shot, terminal } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

/**
 * What hides a lane or a pod, as text (empty when nothing does): a box of it outside the viewport,
 * cut by an ancestor that clips (an inner scrollbar or overflow: hidden), or covered by another
 * element at its centre. Also every ancestor of a lane that scrolls inside itself.
 */
async function hidden(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => (el as HTMLElement).dataset.pod ?? (el as HTMLElement).dataset.node ?? el.className;
    const round = (r: DOMRect) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
    const scrollers = new Set<Element>();
    for (const el of document.querySelectorAll('[data-node], [data-pod]')) {
      const box = el.getBoundingClientRect();
      if (box.left < 0 || box.top < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) {
        problems.push(`${name(el)} at ${round(box)} is outside the ${innerWidth}x${innerHeight} viewport`);
      }
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        const inner = { left: clip.left + up.clientLeft, top: clip.top + up.clientTop };
        if (box.left < inner.left - 0.5 || box.top < inner.top - 0.5 || box.right > inner.left + up.clientWidth + 0.5 || box.bottom > inner.top + up.clientHeight + 0.5) {
          problems.push(`${name(el)} at ${round(box)} is cut by ${up.tagName.toLowerCase()}.${up.className} at ${round(clip)}`);
        }
        if (el.hasAttribute('data-node') && up.scrollHeight > up.clientHeight + 1 && /auto|scroll/.test(style.overflowY)) scrollers.add(up);
      }
      if (el.hasAttribute('data-pod')) {
        const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (at && !el.contains(at)) problems.push(`${name(el)} is covered by ${at.tagName.toLowerCase()}.${at.className}`);
      }
    }
    for (const up of scrollers) problems.push(`a lane is in ${up.tagName.toLowerCase()}.${up.className}, which scrolls (${up.clientHeight} of ${up.scrollHeight} px shown)`);
    return problems;
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`at 1280x720 (${lang}) every lane and pod is in view, from the default scenario through a rollout to 10 replicas`, async ({ page }) => {
    await open(page, lang === 'ko' ? '?lang=ko' : '');
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    await expect(page.locator('[data-node]')).toHaveCount(2);
    expect(await hidden(page)).toEqual([]);
    // The timeline and the events feed are in view too, and the page itself does not scroll.
    for (const region of ['.timeline', '.events']) {
      const box = (await page.locator(region).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(720);
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
    if (lang === 'en') await shot(page, '70-layout-1280.png');

    // Paused, one virtual second per Step: scale up and change the image, and look at every second.
    await page.locator('.clock-controls button').first().click();
    await expect(page.locator('.clock')).not.toHaveClass(/running/);
    await runCommand(page, 'kubectl scale deployment/nginx-deployment --replicas=10');
    await runCommand(page, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.15');
    let most = 0;
    for (let second = 0; second < 24; second++) {
      await page.locator('.clock-controls button').nth(1).click();
      await page.waitForTimeout(60);
      const problems = await hidden(page);
      expect(problems, `after ${second + 1} s`).toEqual([]);
      const n = await page.locator('[data-pod]').count();
      most = Math.max(most, n);
      if (second === 3) {
        await shot(page, `71-layout-1280-rollout-${lang}.png`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await shot(page, `71-layout-1280-rollout-${lang}-dark.png`);
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
    // The surge put more than 10 pods on the nodes at once (maxSurge 50%: up to 15).
    expect(most).toBeGreaterThan(10);
  });
}

test('at 1280x720 the Node failure scenario shows both lanes, the stopped node marked', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Node failure' });
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('button', { name: 'Stop node-2' }).click();
  await runCommand(page, 'sleep 45');
  await expect(page.locator('.lane[data-node="node-2"]')).toHaveClass(/not-ready/);
  expect(await hidden(page)).toEqual([]);
  await shot(page, '72-layout-1280-node-failure.png');
});

test('at 1280x720 every scenario shows all its lanes and pods, the rollout steps too', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('20');
  for (const [scenario, step] of [
    ['Recreate', 'kubectl set image deployment/nginx-deployment nginx=nginx:1.15'],
    ['Blue/green', 'kubectl get pods -L version'],
    ['Failing rollout', 'kubectl set image deployment/nginx-deployment nginx=kubeplay/never-ready:1.0'],
    ['Self-healing', 'kubectl delete pod --all --wait=false'],
  ] as const) {
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: scenario });
    await expect(readyPods(page).first()).toBeVisible(SETTLE);
    await page.waitForTimeout(1000);
    expect(await hidden(page), scenario).toEqual([]);
    await runCommand(page, step);
    for (let i = 0; i < 4; i++) {
      await page.waitForTimeout(400);
      expect(await hidden(page), `${scenario}: ${step}`).toEqual([]);
    }
  }
  await shot(page, '72-layout-1280-self-healing.png');
});

for (const [width, height] of [
  [820, 1180],
  [1180, 820],
] as const) {
  test(`on a ${width}x${height} tablet nothing scrolls inside the page, the lanes and pods are in view`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page);
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    // The workspace never scrolls inside itself; when there is more than the screen, the page does.
    const workspace = await page.locator('.workspace').evaluate((el) => [el.scrollHeight, el.clientHeight, getComputedStyle(el).overflowY]);
    expect(workspace[0], `workspace ${workspace}`).toBeLessThanOrEqual(Number(workspace[1]) + 1);
    // The page opens at its top, the cluster in view (focusing the prompt does not scroll it away).
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect((await page.locator('.cluster-panel').boundingBox())!.y).toBeGreaterThanOrEqual(0);
    expect(await hidden(page)).toEqual([]);
    // Every control of the editor is inside its panel (none cut off at its edge).
    const panel = (await page.locator('.editor-panel').boundingBox())!;
    for (const name of ['Apply', 'Reset']) {
      const button = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(button.x + button.width, name).toBeLessThanOrEqual(panel.x + panel.width);
    }
    await shot(page, `73-layout-tablet-${width}x${height}.png`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, `73-layout-tablet-${width}x${height}-dark.png`);
    await page.emulateMedia({ colorScheme: 'light' });

    // A rollout to 6 replicas stays in view too.
    await page.locator('.clock-controls button').first().click();
    await runCommand(page, 'kubectl scale deployment/nginx-deployment --replicas=6');
    await runCommand(page, 'kubectl set image deployment/nginx-deployment nginx=nginx:1.15');
    for (let second = 0; second < 6; second++) await page.locator('.clock-controls button').nth(1).click();
    await page.waitForTimeout(100);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await hidden(page)).toEqual([]);
    await shot(page, `74-layout-tablet-${width}x${height}-rollout.png`);

    if (width < 900) {
      // Stacked: the terminal under the cluster, the guide and the editor under it, reached by
      // scrolling the page.
      const cluster = (await page.locator('.cluster-panel').boundingBox())!;
      const term = (await page.locator('.terminal-panel').boundingBox())!;
      const editor = (await page.locator('.editor-panel').boundingBox())!;
      expect(term.y).toBeGreaterThanOrEqual(cluster.y + cluster.height);
      expect(editor.y).toBeGreaterThanOrEqual(term.y + term.height);
      await page.getByRole('button', { name: 'Apply' }).scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
      // The top bar with the clock stays on top while the page scrolls.
      expect((await page.locator('.topbar').boundingBox())!.y).toBe(0);
      await shot(page, `75-layout-tablet-${width}x${height}-editor.png`);
    }
  });
}

// Issue #4's leftovers: the scenario guide whole in view, a one-row top bar on phones, and 300
// pods (with a lane of Pending ones) without the drawing's own scroll.

const PRESET_IDS = ['rolling', 'recreate', 'blue-green', 'canary', 'failing', 'self-healing', 'node-failure'] as const;

/** What keeps a guide's step from being read without scrolling: the guide scrolling inside
 *  itself, or a step's command or note outside the guide's box or the viewport. */
async function guideProblems(page: Page): Promise<string[]> {
  return page.locator('.guide').evaluate((guide) => {
    const problems: string[] = [];
    if (guide.scrollHeight > guide.clientHeight + 1) problems.push(`the guide scrolls (${guide.clientHeight} of ${guide.scrollHeight} px shown)`);
    const box = guide.getBoundingClientRect();
    guide.querySelectorAll('.guide-steps li').forEach((step, i) => {
      for (const part of step.querySelectorAll('.step-button, .step-note')) {
        const r = part.getBoundingClientRect();
        if (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.bottom > innerHeight) problems.push(`step ${i + 1}'s ${part.className} at y ${Math.round(r.top)}-${Math.round(r.bottom)} is out of view`);
      }
    });
    return problems;
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`at 1280x720 (${lang}) every scenario's guide shows all its steps without scrolling, the editor keeps room`, async ({ page }) => {
    await open(page, lang === 'ko' ? '?lang=ko' : '');
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    const scenario = page.locator('.guide select');
    for (const id of PRESET_IDS) {
      await scenario.selectOption(id);
      await expect(page.locator(`.guide[data-preset="${id}"]`)).toBeVisible();
      expect(await guideProblems(page), `${lang} ${id}`).toEqual([]);
      // The editor under the guide still shows five lines or more.
      expect((await page.locator('.editor-body').boundingBox())!.height, `${lang} ${id}: editor`).toBeGreaterThanOrEqual(100);
      if (id === 'rolling' || id === 'node-failure') {
        await shot(page, `76-guide-${id}-${lang}.png`);
        await page.emulateMedia({ colorScheme: 'dark' });
        await shot(page, `76-guide-${id}-${lang}-dark.png`);
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
  });

  test.describe(() => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
  test(`on a 390x844 phone (${lang}) the top bar is one row of touch-sized clock controls`, async ({ page }) => {
    await open(page, lang === 'ko' ? '?lang=ko' : '');
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    const bar = (await page.locator('.topbar').boundingBox())!;
    expect(bar.height, 'one row').toBeLessThanOrEqual(60);
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    const step = page.locator('.clock-controls .step');
    const speed = page.locator('.clock-controls select');
    const clock = page.locator('.clock');
    // Every control of the bar is inside the screen and in the bar; the buttons and selects are
    // at least 40x40 px for a finger, and the clock's reading is on one line.
    for (const control of await page.locator('.topbar button, .topbar select, .topbar .clock').all()) {
      const box = (await control.boundingBox())!;
      const what = await control.evaluate((el) => el.outerHTML.slice(0, 60));
      expect(box.x, what).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, what).toBeLessThanOrEqual(390);
      expect(box.y + box.height, what).toBeLessThanOrEqual(bar.y + bar.height);
    }
    for (const control of [pause, step, speed, page.getByRole('combobox', { name: 'Language' })]) {
      const box = (await control.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(40);
      expect(box.height).toBeGreaterThanOrEqual(40);
    }
    expect((await clock.boundingBox())!.height).toBeLessThanOrEqual(24);
    await shot(page, `77-topbar-phone-${lang}.png`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, `77-topbar-phone-${lang}-dark.png`);
    await page.emulateMedia({ colorScheme: 'light' });

    // Touch: Pause, then Step advances the clock one second.
    await pause.tap();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    const before = await page.locator('.clock time').textContent();
    await step.tap();
    await expect(page.locator('.clock time')).not.toHaveText(before!);
    // Keyboard: Play from the keyboard, the speed chosen with the arrow keys.
    await page.getByRole('button', { name: 'Play', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(pause).toBeVisible();
    await speed.focus();
    await page.keyboard.press('ArrowDown');
    await expect(speed).not.toHaveValue('1');
    // Still one row when scrolled: the bar stays on top.
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    expect((await page.locator('.topbar').boundingBox())!.y).toBe(0);
  });
  });
}

test('at 1280x720 300 pods, 85 of them Pending, are all in view without the drawing scrolling', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('20');
  await runCommand(page, 'kubectl create deployment big --image=nginx:1.14 --replicas=300');
  // The nodes take 110 pods each (system pods included): the rest stay Pending in their own lane.
  await expect(page.locator('.lane[data-node="unscheduled"] [data-pod]')).not.toHaveCount(0, SETTLE);
  await expect.poll(() => readyPods(page).count(), SETTLE).toBeGreaterThanOrEqual(215);
  await page.waitForTimeout(1500);
  const body = await page.locator('.cluster-body').evaluate((el) => [el.scrollHeight, el.clientHeight]);
  expect(body[0], `drawing ${body}`).toBeLessThanOrEqual(body[1] + 1);
  expect(await hidden(page)).toEqual([]);
  await shot(page, '78-layout-1280-300-pods.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '78-layout-1280-300-pods-dark.png');
});

// End-to-end tests of the built page: what a learner sees and does, in a real browser.
import { test, expect, type Page } from '@playwright/test';
import { SETTLE, SHOTS, open, output, readyPods, runCommand, shot, terminal, watch } from './helpers';

/** The default scenario's image (src/scenarios.rs, NGINX_DEPLOYMENT). */
const OLD_IMAGE = 'nginx:1.14';
const NEW_IMAGE = 'nginx:1.15';

const pods = (page: Page) => page.locator('[data-pod]');

async function setSpeed(page: Page, speed: string) {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
}

test.beforeEach(async ({ page }) => {
  // Every test starts from the default editor text.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('kubeplay.e2e.keep')) localStorage.clear();
  });
});

test('the page loads without console errors or outside requests', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(page).toHaveTitle(/kubeplay/);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Step' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'YAML editor' })).toHaveValue(/kind: Deployment/);
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
  await expect(terminal(page)).toBeFocused();
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await shot(page, '01-loaded.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '01-loaded-dark.png');
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.outside).toEqual([]);
});

test('the default scenario shows three ready nginx pods on the nodes', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await expect(pods(page)).toHaveCount(3);
  for (const pod of await pods(page).all()) {
    await expect(pod).toHaveAttribute('data-pod', /^nginx-deployment-/);
    await expect(pod).toHaveAttribute('data-phase', 'Running');
    await expect(pod).toHaveAttribute('data-image', OLD_IMAGE);
  }
  // Every pod sits in a node lane, not in the unscheduled one.
  await expect(page.locator('.lane:not(.unscheduled) [data-pod]')).toHaveCount(3);
});

test('kubectl set image rolls the Deployment over to the new image', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(3, SETTLE);
  await setSpeed(page, '5');
  await runCommand(page, `kubectl set image deployment/nginx-deployment nginx=${NEW_IMAGE}`);
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment image updated');

  // Mid-rollout, old and new pods coexist: a ready old pod and a new pod in one DOM snapshot.
  await page.waitForFunction(
    ([oldImage, newImage]) =>
      document.querySelector(`[data-pod][data-ready="true"][data-image="${oldImage}"]`) !== null &&
      document.querySelector(`[data-pod][data-image="${newImage}"]`) !== null,
    [OLD_IMAGE, NEW_IMAGE],
  );
  await shot(page, '02-rolling.png');
  await setSpeed(page, '20');

  // Finally three new pods are ready and the old ones are gone.
  await expect(readyPods(page, NEW_IMAGE)).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator(`[data-pod][data-image="${OLD_IMAGE}"]`)).toHaveCount(0, { timeout: 60_000 });
  await shot(page, '03-rolled-out.png');
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the terminal prints errors as stderr and recalls history with the arrow keys', async ({ page }) => {
  await open(page);
  await runCommand(page, 'kubectl get pods');
  await expect(output(page).locator('.line.command').last()).toHaveText('$ kubectl get pods');
  await expect(output(page).locator('.line.stdout', { hasText: /^NAME/ })).toHaveCount(1);
  await runCommand(page, 'kubectl frobnicate');
  await expect(output(page).locator('.line.stderr').last()).toContainText('frobnicate');

  await terminal(page).press('ArrowUp');
  await expect(terminal(page)).toHaveValue('kubectl frobnicate');
  await terminal(page).press('ArrowUp');
  await expect(terminal(page)).toHaveValue('kubectl get pods');
  await terminal(page).press('ArrowDown');
  await expect(terminal(page)).toHaveValue('kubectl frobnicate');
  await terminal(page).press('ArrowDown');
  await expect(terminal(page)).toHaveValue('');
  await shot(page, '04-terminal.png');
});

test('clicking a pod describes it in the terminal', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const name = await pods(page).first().getAttribute('data-pod');
  await pods(page).first().click();
  await expect(output(page).locator('.line.command').last()).toHaveText(`$ kubectl describe pod ${name}`);
});

test('Pause stops the clock and Step advances it by one second', async ({ page }) => {
  await open(page);
  const clock = page.getByLabel('Virtual time');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const before = await clock.textContent();
  await page.waitForTimeout(1500);
  await expect(clock).toHaveText(before!);
  await page.getByRole('button', { name: 'Step' }).click();
  const seconds = (text: string) => text.replace('t = ', '').split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
  await expect.poll(async () => seconds((await clock.textContent())!)).toBe(seconds(before!) + 1);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('the YAML editor applies its text and keeps it across reloads', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  const text = (await editor.inputValue()).replace(/image: \S+/, 'image: nginx:1.16.1');
  expect(text).toContain('image: nginx:1.16.1');
  await editor.fill(text);
  await setSpeed(page, '10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page)).toContainText('kubectl apply -f deployment.yaml');
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment configured');
  await expect(readyPods(page, 'nginx:1.16.1')).toHaveCount(3, { timeout: 60_000 });

  await page.evaluate(() => sessionStorage.setItem('kubeplay.e2e.keep', '1'));
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'YAML editor' })).toHaveValue(/image: nginx:1\.16\.1/);
});

test('kubectl output redirected to a file opens it in the editor, and cat and apply -f read it', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await runCommand(page, 'kubectl create deployment web --image=nginx:1.25 --replicas=2 --dry-run=client -o yaml > web.yaml');
  await expect(page.getByRole('tab', { name: 'web.yaml' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'YAML editor' })).toHaveValue(/name: web\n[\s\S]*replicas: 2/);
  await runCommand(page, 'cat web.yaml | grep image');
  await expect(output(page)).toContainText('- image: nginx:1.25');
  await runCommand(page, 'kubectl apply -f web.yaml');
  await expect(output(page)).toContainText('deployment.apps/web created');
  await expect(readyPods(page, 'nginx:1.25')).toHaveCount(2, SETTLE);
  await shot(page, '06-redirect-tab.png');
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('a broken manifest is reported in the terminal and the cluster keeps running', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  await editor.fill('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: three\n');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page).locator('.line.stderr').first()).toBeVisible();
  await shot(page, '05-apply-error.png');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(editor).toHaveValue(/name: nginx-deployment/);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('at 20x the virtual clock runs many times faster than real time', async ({ page }) => {
  await open(page);
  const clock = page.getByLabel('Virtual time');
  const seconds = async () =>
    (await clock.textContent())!.replace('t = ', '').split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
  await setSpeed(page, '20');
  const start = await seconds();
  await page.waitForTimeout(3000);
  // 3 real seconds at 20x is 60 virtual seconds; allow for a slow machine, not for a stalled loop.
  expect((await seconds()) - start).toBeGreaterThanOrEqual(30);
});

test('pods of kube-system are hidden until the toggle shows them', async ({ page }) => {
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const toggle = page.getByRole('checkbox', { name: /kube-system/ });
  test.skip((await toggle.count()) === 0, 'this engine runs no kube-system pods');
  await expect(page.locator('[data-pod^="coredns-"]')).toHaveCount(0);
  await toggle.check();
  await expect(page.locator('[data-pod^="coredns-"]').first()).toBeVisible();
  await toggle.uncheck();
  await expect(page.locator('[data-pod^="coredns-"]')).toHaveCount(0);
});

// ---- scenarios ---------------------------------------------------------------------------------

const scenario = (page: Page) => page.getByRole('combobox', { name: 'Scenario' });

async function loadScenario(page: Page, title: string) {
  await scenario(page).selectOption({ label: title });
  await expect(output(page)).toContainText(`Scenario: ${title}.`);
}

test('the Recreate scenario stops every old pod before a new one runs', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await loadScenario(page, 'Recreate');
  await expect(page.getByRole('textbox', { name: 'YAML editor' })).toHaveValue(/type: Recreate/);
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(3, SETTLE);
  await expect(page.locator('[data-service="nginx"]')).toHaveAttribute('data-endpoint-images', OLD_IMAGE);
  await shot(page, '10-recreate-before.png');

  // Watch every DOM change: at no instant may both images have Running pods.
  await page.evaluate(([oldImage, newImage]) => {
    const w = window as unknown as { overlap: boolean; gap: boolean };
    w.overlap = false;
    w.gap = false;
    const check = () => {
      const running = (image: string) => document.querySelector(`[data-pod][data-phase="Running"][data-image="${image}"]`) !== null;
      if (running(oldImage) && running(newImage)) w.overlap = true;
      if (!running(oldImage) && !running(newImage) && document.querySelector('[data-pod]') !== null) w.gap = true;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
  }, [OLD_IMAGE, NEW_IMAGE]);

  await page.getByRole('button', { name: `kubectl set image deployment/nginx-deployment nginx=${NEW_IMAGE}` }).click();
  await expect(terminal(page)).toBeFocused();
  await expect(terminal(page)).toHaveValue(`kubectl set image deployment/nginx-deployment nginx=${NEW_IMAGE}`);
  await terminal(page).press('Enter');
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment image updated');
  await page.waitForFunction(() => (window as unknown as { gap: boolean }).gap, null, { timeout: 30_000 });
  await expect(page.locator('[data-service="nginx"]')).toHaveAttribute('data-endpoints', '');
  await shot(page, '11-recreate-gap.png');
  await setSpeed(page, '5');
  await expect(readyPods(page, NEW_IMAGE)).toHaveCount(3, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await shot(page, '12-recreate-after.png');
  expect(await page.evaluate(() => (window as unknown as { overlap: boolean }).overlap)).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { gap: boolean }).gap)).toBe(true);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the blue/green scenario moves the Service from blue to green pods', async ({ page }) => {
  const problems = watch(page);
  const GREEN_IMAGE = 'nginx:1.16'; // green on the page (1.15 would be orange)
  await open(page);
  await loadScenario(page, 'Blue/green');
  const service = page.locator('[data-service="web"]');
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(3, SETTLE);
  await expect(readyPods(page, GREEN_IMAGE)).toHaveCount(3, SETTLE);
  await expect(service).toHaveAttribute('data-endpoint-images', OLD_IMAGE);
  await expect(page.locator(`[data-link-service="web"][data-ready="true"][data-image="${OLD_IMAGE}"]`)).toHaveCount(3);
  await shot(page, '13-blue.png');

  await page.getByRole('button', { name: 'Open service.yaml' }).click();
  await expect(page.getByRole('tab', { name: 'service.yaml' })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  const text = (await editor.inputValue()).replace('version: blue', 'version: green');
  await editor.fill(text);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page)).toContainText('kubectl apply -f service.yaml');
  await expect(output(page)).toContainText('service/web configured');
  await expect(service).toHaveAttribute('data-endpoint-images', GREEN_IMAGE);
  const green = (await service.getAttribute('data-endpoints'))!.split(' ');
  expect(green).toHaveLength(3);
  for (const name of green) await expect(page.locator(`[data-pod="${name}"]`)).toHaveAttribute('data-image', GREEN_IMAGE);
  await expect(page.locator(`[data-link-service="web"][data-ready="true"][data-image="${GREEN_IMAGE}"]`)).toHaveCount(3);
  await expect(page.locator(`[data-link-service="web"][data-image="${OLD_IMAGE}"]`)).toHaveCount(0);
  await shot(page, '14-green.png');
  // The Deployment tab still holds both Deployments.
  await page.getByRole('tab', { name: 'deployments.yaml' }).click();
  await expect(editor).toHaveValue(/name: web-green/);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the canary scenario pauses with one new pod serving next to the old ones, and resumes', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await loadScenario(page, 'Canary (pause/resume)');
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(3, SETTLE);
  const deployment = 'deployment/nginx-deployment';
  for (const command of [`kubectl set image ${deployment} nginx=${NEW_IMAGE}`, `kubectl rollout pause ${deployment}`]) {
    await page.getByRole('button', { name: command }).click();
    await expect(terminal(page)).toHaveValue(command);
    await terminal(page).press('Enter');
    await expect(terminal(page)).toHaveValue('');
  }
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment paused');
  // Paused: the canary is ready and gets traffic beside the three old pods, and it stays so.
  await setSpeed(page, '5');
  await expect(readyPods(page, NEW_IMAGE)).toHaveCount(1, SETTLE);
  await page.waitForTimeout(3000);
  await expect(readyPods(page, NEW_IMAGE)).toHaveCount(1);
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(3);
  await expect(page.locator('[data-service="nginx"]')).toHaveAttribute('data-endpoint-images', `${OLD_IMAGE} ${NEW_IMAGE}`);
  await shot(page, '17-canary-paused.png');
  await page.getByRole('button', { name: `kubectl rollout resume ${deployment}` }).click();
  await terminal(page).press('Enter');
  await expect(readyPods(page, NEW_IMAGE)).toHaveCount(3, SETTLE);
  await expect(readyPods(page, OLD_IMAGE)).toHaveCount(0, SETTLE);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('stopping node-2 makes it NotReady, and its pods get no traffic', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await loadScenario(page, 'Node failure');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const lane = page.locator('.lane[data-node="node-2"]');
  await expect(lane.locator('.node-status')).toHaveText('Ready');
  await page.getByRole('button', { name: 'Stop node-2' }).click();
  await expect(page.getByRole('button', { name: 'Stop node-2' })).toBeDisabled();
  await setSpeed(page, '20');
  await expect(lane.locator('.node-status')).toHaveText('NotReady', { timeout: 30_000 });
  await expect(lane).toHaveClass(/not-ready/);
  await expect(lane.locator('[data-pod][data-ready="true"]')).toHaveCount(0);
  await setSpeed(page, '1');
  await shot(page, '15-node-down.png');
  await page.getByRole('button', { name: 'Start node-2' }).click();
  await setSpeed(page, '20');
  await expect(lane.locator('.node-status')).toHaveText('Ready', { timeout: 30_000 });
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('every scenario loads without errors and its steps are keyboard operable', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  const titles = await scenario(page).locator('option').allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(6);
  for (const title of titles) {
    await loadScenario(page, title);
    await expect(output(page).locator('.line.stderr')).toHaveCount(0);
    await expect(page.locator('.guide-steps button').first()).toBeVisible();
  }
  await loadScenario(page, 'Self-healing');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const step = page.getByRole('button', { name: 'kubectl delete pod -l app=nginx-pod --wait=false' });
  await step.focus();
  await page.keyboard.press('Enter');
  await expect(terminal(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(output(page)).toContainText('deleted');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await shot(page, '16-self-healed.png');
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('the editor lists problems as the learner types, and a problem puts the caret on it', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  const list = page.locator('#editor-problems');
  await expect(list).toHaveText('No problems');
  const good = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: typo',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels:',
    '      app: typo',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: typo',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx:1.14',
    '',
  ].join('\n');
  const typo = good.replace('  replicas: 3', '  replica: 3');
  await editor.fill(typo);
  const problem = list.getByRole('button', { name: /Line 6, column 3: .*did you mean "replicas"\?/ });
  await expect(problem).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await expect(editor).toHaveValue(typo);
  // In the text: a wavy underline under `replica` on line 6 (the mirror over the textarea).
  const mark = page.locator('.code-marks .mark[data-line="6"][data-column="3"]');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText('replica');
  expect(await mark.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('wavy');
  // The editor shows a few lines at 1280x720: scroll line 6 into its view, as a learner would.
  await mark.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const area = (await editor.boundingBox())!;
  const markBox = (await mark.boundingBox())!;
  const metrics = await editor.evaluate((el: HTMLTextAreaElement) => {
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.textContent = 'M'.repeat(100);
    document.body.append(probe);
    const char = probe.getBoundingClientRect().width / 100;
    probe.remove();
    return { line: parseFloat(style.lineHeight), top: parseFloat(style.paddingTop), left: parseFloat(style.paddingLeft), char };
  });
  expect(Math.abs(markBox.y - (area.y + metrics.top + 5 * metrics.line))).toBeLessThan(3);
  expect(Math.abs(markBox.x - (area.x + metrics.left + 2 * metrics.char))).toBeLessThan(2);
  expect(Math.abs(markBox.width - 7 * metrics.char)).toBeLessThan(2);
  // Its message beside it: with the pointer on it, and with the caret in it.
  // (Hidden from assistive technology, like the mirror: the problem list says the same, and
  // the textarea's aria-describedby names it while the caret is in the mark.)
  const tip = page.locator('#mark-tip[role="tooltip"]');
  await expect(tip).toHaveCount(0);
  await page.mouse.move(markBox.x + markBox.width / 2, markBox.y + markBox.height / 2);
  await expect(tip).toContainText('did you mean "replicas"?');
  await shot(page, '13-editor-mark-hover.png');
  await page.mouse.move(area.x + area.width - 5, area.y + area.height - 5);
  await expect(tip).toHaveCount(0);
  await shot(page, '12-editor-problem.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '12-editor-problem-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // Clicking the problem selects `replica` on line 6 and focuses the editor; the text stays.
  await problem.click();
  await expect(editor).toBeFocused();
  await expect(tip).toContainText('did you mean "replicas"?');
  await expect(editor).toHaveAttribute('aria-describedby', 'editor-problems mark-tip');
  await shot(page, '13-editor-mark-caret.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '13-editor-mark-caret-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });
  const start = typo.indexOf('replica:');
  expect(await editor.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([
    start,
    start + 'replica'.length,
  ]);
  await expect(editor).toHaveValue(typo);

  // Enter on a focused problem does the same.
  await editor.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0));
  await problem.focus();
  await problem.press('Enter');
  await expect(editor).toBeFocused();
  expect(await editor.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(start);

  // Fixed: the list says so, the editor is no longer marked.
  await editor.fill(good);
  await expect(list).toHaveText('No problems');
  await expect(editor).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.code-marks .mark')).toHaveCount(0);

  // A syntax error is located too, and Apply still runs (the terminal reports it).
  await editor.fill(good.replace('  replicas: 3', '  replicas: [3'));
  await expect(list.getByRole('button', { name: /^error Line \d+, column \d+: / }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page).locator('.line.stderr').first()).toBeVisible();
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

// ---- layout --------------------------------------------------------------------------------------

for (const [width, height, name] of [
  [1280, 720, 'desktop'],
  [820, 1180, 'tablet'],
] as const) {
  test(`at ${width}x${height} the timeline and the events feed are side by side, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page);
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    await page.getByRole('button', { name: 'Pause' }).click();
    await runCommand(page, `kubectl set image deployment/nginx-deployment nginx=${NEW_IMAGE}`);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step' }).click();
    const feed = page.getByRole('region', { name: 'Recent events' });
    await expect(feed.locator('.event').first()).toBeVisible();
    const box = (await feed.boundingBox())!;
    const strip = (await page.locator('.timeline').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(strip.x + strip.width - 1);
    expect(box.y).toBeLessThan(strip.y + strip.height);
    // Both in view as the page opens, without scrolling.
    expect(Math.max(box.y + box.height, strip.y + strip.height)).toBeLessThanOrEqual(height);
    await shot(page, `40-layout-${name}.png`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, `40-layout-${name}-dark.png`);
    await page.emulateMedia({ colorScheme: 'light' });
  });
}

// ---- languages -----------------------------------------------------------------------------------

const language = (page: Page) => page.getByRole('combobox', { name: 'Language' });
/** The terminal's log by its class: its accessible name is translated. */
const log = (page: Page) => page.locator('.terminal-output');

test('the language switch shows the page in Korean while kubectl stays English, and back', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(language(page)).toHaveValue('en');

  // Keyboard: the switch is reachable and shows its focus.
  await language(page).focus();
  await expect(language(page)).toBeFocused();
  expect(await language(page).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await language(page).selectOption('ko');

  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('.tagline')).toHaveText('브라우저 안에서 돌아가는 시뮬레이션 쿠버네티스 클러스터');
  await expect(page).toHaveTitle(/kubeplay: 브라우저/);
  // The guide: the scenario menu, its summary and its steps.
  await expect(page.getByRole('combobox', { name: '시나리오' })).toHaveValue('rolling');
  await expect(page.getByRole('combobox', { name: '시나리오' }).locator('option:checked')).toHaveText('롤링 업데이트');
  await expect(page.locator('.guide-summary')).toContainText('nginx 파드 세 개');
  await expect(page.locator('.step-note').first()).toContainText('준비된 엔드포인트');
  // The editor and the cluster view.
  await expect(page.getByRole('button', { name: '적용' })).toBeVisible();
  await expect(page.getByRole('button', { name: '되돌리기' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'YAML 편집기' })).toHaveValue(/kind: Deployment/);
  await expect(page.locator('#editor-problems')).toHaveText('문제 없음');
  await expect(page.locator('.cluster .panel-title')).toContainText('파드 3개');
  await expect(page.locator('.timeline-caption')).toContainText('준비된 파드');
  // The names tests and the issue rely on stay English; their visible labels are Korean.
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveText('일시 정지');
  await expect(terminal(page)).toBeVisible();
  // The page's own note is Korean; kubectl's output is English.
  await expect(log(page)).toContainText('kubeplay에 오신 것을 환영합니다');
  await runCommand(page, 'kubectl get pods');
  await expect(log(page).locator('.line.stdout', { hasText: /^NAME\s+READY\s+STATUS/ })).toHaveCount(1);
  await page.getByRole('button', { name: '적용' }).click();
  await expect(log(page)).toContainText('deployment.apps/nginx-deployment unchanged');
  await page.waitForTimeout(300);
  await shot(page, '20-korean.png');
  expect(await page.evaluate(() => localStorage.getItem('kubeplay.lang'))).toBe('ko');

  // The longest Korean guide, a node button and a stopped node.
  await page.getByRole('combobox', { name: '시나리오' }).selectOption({ label: '노드 장애' });
  await expect(log(page)).toContainText('시나리오: 노드 장애.');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('button', { name: 'node-2 중지' }).click();
  await expect(log(page)).toContainText('node-2 중지됨');
  await page.waitForTimeout(300);
  await shot(page, '21-korean-node-failure.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '21-korean-node-failure-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // Nothing of the page's prose overflows its box at 1280x720.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll('.topbar *, .guide *, .tabs *, .panel-title, .timeline-caption, .lane-label *')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'hidden' && el.clientWidth > 0)
      .map((el) => `${el.className || el.tagName}: ${el.textContent}`),
  );
  expect(overflowing).toEqual([]);
  const topbar = await page.locator('.topbar').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(topbar[0]).toBeLessThanOrEqual(topbar[1]);

  // The choice survives a reload.
  await page.evaluate(() => sessionStorage.setItem('kubeplay.e2e.keep', '1'));
  await page.reload();
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('button', { name: '적용' })).toBeVisible();

  // And back to English: the prose, the welcome note and the scenario line switch too.
  await language(page).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.tagline')).toHaveText('a simulated Kubernetes cluster in your browser');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
  await expect(page.locator('.guide-summary')).toContainText('Three nginx pods behind a Service');
  await expect(log(page)).toContainText('Welcome to kubeplay');
  await expect(log(page)).not.toContainText('환영합니다');
  expect(await page.evaluate(() => localStorage.getItem('kubeplay.lang'))).toBe('en');
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test('?lang=ko opens the page in Korean, and switching rewrites the parameter', async ({ page }) => {
  await page.goto('/?lang=ko');
  await expect(page.locator('#loading')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(language(page)).toHaveValue('ko');
  await expect(page.getByRole('button', { name: '적용' })).toBeVisible();
  await language(page).selectOption('en');
  await expect(page).toHaveURL(/\?lang=en$/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
});

test.describe('in a Korean browser', () => {
  test.use({ locale: 'ko-KR' });

  test('the page opens in Korean unless English was chosen', async ({ page }) => {
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('button', { name: '적용' })).toBeVisible();
    await page.goto('/?lang=en');
    await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
  });
});

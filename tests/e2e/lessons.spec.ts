// Lessons, share links, embedding, rewind and Tab completion, end to end: what a learner, a teacher and a tutorial site do.
import { test, expect, type Page, type FrameLocator } from '@playwright/test';

const SHOTS = 'tests/e2e/screenshots';
const PORT = Number(process.env.E2E_PORT ?? 4173);

type Root = Page | FrameLocator;

const terminal = (root: Root) => root.getByRole('textbox', { name: 'kubectl' });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('kubeplay.e2e.keep')) localStorage.clear();
  });
});

/** Does step `n`'s reference solution the way a learner would: each command pasted into the
 *  terminal and run (a file written into the editor), until the step's checks all pass. */
async function solveStep(root: Root, n: number) {
  const step = root.locator(`.lesson-step[data-step="${n}"]`);
  await expect(step).toHaveAttribute('data-state', 'current');
  await step.locator('details.solution > summary').click();
  const buttons = step.locator('details.solution [data-solution]');
  const count = await buttons.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    if ((await step.getAttribute('data-state')) !== 'current') break;
    const button = buttons.nth(i);
    const kind = await button.getAttribute('data-solution');
    await button.click();
    if (kind === 'paste') {
      await expect(terminal(root)).not.toHaveValue('');
      await terminal(root).press('Enter');
      await expect(terminal(root)).toHaveValue('');
    }
  }
  await expect(step).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
}

async function completeLesson(root: Root) {
  const steps = await root.locator('.lesson-step').count();
  for (let n = 1; n <= steps; n++) await solveStep(root, n);
  await expect(root.locator('.lesson')).toHaveAttribute('data-complete', 'true');
}

test('a learner completes two lessons in English', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto('/?lesson=pods-labels&lang=en');
  await expect(page.getByRole('heading', { name: 'Pods, labels and selectors' })).toBeVisible();
  await expect(page.locator('.lesson-step[data-step="1"]')).toHaveAttribute('data-state', 'current');
  await page.screenshot({ path: `${SHOTS}/30-lesson-en.png` });
  await completeLesson(page);
  await expect(page.getByText('Lesson complete. Well done!')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/31-lesson-en-complete.png` });
  // The next lesson of the course, on a fresh cluster.
  await page.getByRole('button', { name: 'Next lesson →' }).click();
  await expect(page.locator('.lesson')).toHaveAttribute('data-lesson', 'replicaset');
  await completeLesson(page);
  // Progress is kept: the list marks both lessons done.
  await page.getByRole('button', { name: '← All lessons' }).click();
  await expect(page.locator('.lesson-item[data-lesson="pods-labels"]')).toHaveClass(/done/);
  await expect(page.locator('.lesson-item[data-lesson="replicaset"]')).toHaveClass(/done/);
  expect(errors).toEqual([]);
});

test("kubernetes.io's basics tutorial runs in the page, shell variables and a for loop included; a reload keeps them", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto('/?lesson=kubernetes-basics&lang=en');
  await expect(page.locator('.lesson')).toHaveAttribute('data-lesson', 'kubernetes-basics');
  await completeLesson(page);
  const log = page.getByRole('log', { name: 'Terminal output' });
  await expect(log).toContainText('Name of the Pod: kubernetes-bootcamp-');
  await expect(log).toContainText('Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-');
  await expect(log).toContainText('v=1');
  // The variable outlives the lesson's commands, and a reload (the journal replayed) too.
  // (The pod labelled version=v1 went with the update to v2.)
  await terminal(page).fill('echo "pod: $POD_NAME" && kubectl get pods -l version=v1 -o name');
  await terminal(page).press('Enter');
  await expect(log).toContainText(/pod: kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}No resources found in default namespace\./);
  await page.screenshot({ path: `${SHOTS}/37-lesson-kubernetes-basics.png` });
  await page.evaluate(() => sessionStorage.setItem('kubeplay.e2e.keep', '1'));
  await page.reload();
  await expect(terminal(page)).toBeVisible();
  // The lesson (fetched) and its cluster come back after the first frame: wait for them.
  await expect(log).toContainText('Welcome back');
  await terminal(page).fill('echo "again: $POD_NAME"');
  await terminal(page).press('Enter');
  await expect(log).toContainText(/again: kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5}/);
  expect(errors).toEqual([]);
});

test('a learner completes two lessons in Korean; kubectl output stays English', async ({ page }) => {
  await page.goto('/?lesson=configmap-secret&lang=ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('.lesson-heading')).toContainText(/컨피그맵/);
  await page.screenshot({ path: `${SHOTS}/32-lesson-ko.png` });
  await completeLesson(page);
  await expect(page.getByText('레슨을 마쳤습니다. 잘하셨어요!')).toBeVisible();
  await expect(page.getByRole('log', { name: /터미널|Terminal/ })).toContainText('configmap/');
  await page.screenshot({ path: `${SHOTS}/33-lesson-ko-complete.png` });
  await page.getByRole('button', { name: '다음 레슨 →' }).click();
  await expect(page.locator('.lesson')).toHaveAttribute('data-lesson', 'namespaces');
  await expect(page.locator('.lesson-heading')).toContainText(/네임스페이스/);
  await completeLesson(page);
  await page.getByRole('button', { name: '← 전체 레슨' }).click();
  await expect(page.locator('.lesson-item[data-lesson="configmap-secret"]')).toHaveClass(/done/);
  await expect(page.locator('.lesson-item[data-lesson="namespaces"]')).toHaveClass(/done/);
});

test('a share link reopens the same cluster, files, lesson and language', async ({ page, context }) => {
  await page.goto('/?lesson=rolling-update&lang=ko');
  await solveStep(page, 1);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('textbox', { name: 'YAML 편집기' }).fill('# an edit that was never applied\n');
  await page.getByRole('button', { name: '공유' }).click();
  const link = await page.getByRole('textbox', { name: '공유 링크' }).inputValue();
  expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);
  const names = (await page.locator('[data-pod]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')))).sort();
  const clock = await page.locator('.clock time').textContent();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('.lesson')).toHaveAttribute('data-lesson', 'rolling-update');
  await expect(other.locator('.lesson-step[data-step="1"]')).toHaveAttribute('data-state', 'done');
  await expect(other.locator('.lesson-step[data-step="2"]')).toHaveAttribute('data-state', 'current');
  await expect(other.getByRole('textbox', { name: 'YAML 편집기' })).toHaveValue('# an edit that was never applied\n');
  await expect(other.locator('html')).toHaveAttribute('lang', 'ko');
  const restored = (await other.locator('[data-pod]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')))).sort();
  expect(restored).toEqual(names);
  expect(await other.locator('.clock time').textContent()).toEqual(clock);
  await other.screenshot({ path: `${SHOTS}/34-share-restored.png` });
});

test('embedded in a tutorial page, it posts lesson events to the host and takes no script from it', async ({ page }) => {
  const base = `http://127.0.0.1:${PORT}/`;
  // The host page: a document of the local server that is not the playground (a missing file's
  // 404 page), replaced by a tutorial holding the playground in an iframe. (A page of another
  // origin would do the same, but Chromium's local-network checks refuse loopback iframes in
  // pages the test fabricates.)
  await page.goto(`${base}no-such-tutorial.html`);
  await page.setContent(`<!doctype html><title>host</title>
    <script>window.received = []; addEventListener('message', (e) => window.received.push(e.data));</script>
    <iframe id="kp" src="${base}?embed&lesson=rolling-update&lang=en&lesson-url=javascript:alert(1)" width="1200" height="700"></iframe>`);
  const frame = page.frameLocator('#kp');
  await expect(frame.locator('.app.embed')).toBeVisible();
  await expect(frame.locator('.panel-tabs')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as any).received.map((m: any) => m.type))).toContain('lesson-started');
  await solveStep(frame, 1);
  await expect.poll(() => page.evaluate(() => (window as any).received.map((m: any) => m.type))).toEqual(['lesson-started', 'check-passed', 'step-completed']);
  const messages = await page.evaluate(() => (window as any).received);
  expect(messages[1]).toEqual({ source: 'kubeplay', type: 'check-passed', lesson: 'rolling-update', step: 1, check: 1, passed: 1, total: 4 });
  // Messages from the host are not listened to: posting one changes nothing.
  await page.evaluate(() => (document.getElementById('kp') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'exec', line: 'kubectl delete deploy web' }, '*'));
  await expect(frame.locator('.lesson-step[data-step="2"]')).toHaveAttribute('data-state', 'current');
  await page.screenshot({ path: `${SHOTS}/35-embedded.png` });
});

test('the built-in lessons are not part of the first load: the Lessons tab fetches them, a lesson link waits for them', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/lessons/')) fetched.push(request.url());
  });
  await page.goto('/?lang=en');
  await expect(page.locator('[data-pod]').first()).toBeVisible();
  expect(fetched).toEqual([]);
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.locator('.lesson-item').first()).toBeVisible();
  expect(fetched.length).toBe(await page.locator('.lesson-item').count());
  // Embedded with a lesson, the files held back until the test lets them through: the loading
  // state, and no tabs.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/lessons/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?embed&lesson=rolling-update&lang=en');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the lessons' })).toBeVisible();
  await expect(page.locator('.panel-tabs')).toHaveCount(0);
  release();
  await expect(page.locator('.lesson')).toHaveAttribute('data-lesson', 'rolling-update');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the lessons' })).toHaveCount(0);
});

test('a teacher pastes a lesson file; a broken one is refused with its line and column', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByText('Load a lesson file').click();
  const box = page.getByRole('textbox', { name: 'Lesson file (YAML)' });
  await box.fill('id: mine\ntitle: Mine\nsteps: 3\n');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('line 3, column 8: steps: invalid type');
  await box.fill(
    'id: mine\ntitle: { en: My lesson, ko: 내 레슨 }\nsteps:\n  - title: Make a pod\n    checks:\n' +
      '      - title: a pod named web runs\n        expect: { pods: { name: web, status: Running } }\n' +
      '    solution: |\n      kubectl run web --image=nginx\n      sleep 10\n',
  );
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My lesson' })).toBeVisible();
  await solveStep(page, 1);
  await expect(page.locator('.lesson')).toHaveAttribute('data-complete', 'true');
});

test('a teacher links a lesson file with ?lesson-url=', async ({ page }) => {
  const lesson =
    'id: linked\ntitle: { en: A linked lesson, ko: 링크로 연 레슨 }\nsteps:\n  - title: Make a namespace\n    checks:\n' +
    '      - title: team-a exists\n        expect: { object: { kind: ns, name: team-a } }\n' +
    '    solution: |\n      kubectl create namespace team-a\n';
  // The teacher's server, answered by the test (the page itself never leaves 127.0.0.1 otherwise).
  await page.route('https://teacher.example/lesson.yaml', (route) =>
    route.fulfill({ status: 200, contentType: 'text/yaml', headers: { 'access-control-allow-origin': '*' }, body: lesson }),
  );
  await page.route('https://teacher.example/missing.yaml', (route) => route.fulfill({ status: 404, body: 'no' }));
  await page.goto('/?lang=ko&lesson-url=' + encodeURIComponent('https://teacher.example/lesson.yaml'));
  await expect(page.getByRole('heading', { name: '링크로 연 레슨' })).toBeVisible();
  await solveStep(page, 1);
  await expect(page.locator('.lesson')).toHaveAttribute('data-complete', 'true');
  await page.goto('/?lang=en&lesson-url=' + encodeURIComponent('https://teacher.example/missing.yaml'));
  await expect(page.getByRole('alert')).toContainText('could not load https://teacher.example/missing.yaml: HTTP 404');
});

test('Rewind takes the cluster back to an earlier second', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(3, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const names = async () => (await page.locator('[data-pod]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')))).sort();
  const before = await names();
  const slider = page.getByRole('slider', { name: 'Rewind to' });
  const at = await slider.getAttribute('max');
  await terminal(page).fill('kubectl scale deployment nginx-deployment --replicas=6');
  await terminal(page).press('Enter');
  await terminal(page).fill('sleep 20');
  await terminal(page).press('Enter');
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(6);
  await slider.fill(at!);
  await expect(page.locator('.clock time')).toHaveText(/t = /);
  await expect(page.locator('[data-pod]')).toHaveCount(3);
  expect(await names()).toEqual(before);
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText(`Rewound to ${at} s`);
  await page.screenshot({ path: `${SHOTS}/36-rewound.png` });
});

test('Tab completes commands, types and names in the terminal; twice lists the candidates', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(3, { timeout: 60_000 });
  await terminal(page).fill('kubectl rollout st');
  await terminal(page).press('Tab');
  await expect(terminal(page)).toHaveValue('kubectl rollout status ');
  await terminal(page).pressSequentially('deployment/ng');
  await terminal(page).press('Tab');
  await expect(terminal(page)).toHaveValue('kubectl rollout status deployment/nginx-deployment ');
  await terminal(page).fill('kubectl r');
  await terminal(page).press('Tab');
  await terminal(page).press('Tab');
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('replace  rollout  run');
  await expect(terminal(page)).toBeFocused();
  // On an empty prompt Tab moves the focus on, as everywhere else on the page.
  await terminal(page).fill('');
  await terminal(page).press('Tab');
  await expect(terminal(page)).not.toBeFocused();
});

test('a reload resumes the lesson where it was, with the editor text; Start over begins again', async ({ page }) => {
  await page.goto('/?lesson=rolling-update&lang=en');
  await solveStep(page, 1);
  await page.getByRole('textbox', { name: 'YAML editor' }).fill('# my notes\n');
  // Keep local storage across the reload (the suite clears it before each page load).
  await page.evaluate(() => sessionStorage.setItem('kubeplay.e2e.keep', '1'));
  await page.getByRole('button', { name: 'Pause' }).click();
  await terminal(page).fill('kubectl get pods');
  await terminal(page).press('Enter');
  await page.reload();
  await expect(page.locator('.lesson-step[data-step="1"]')).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('textbox', { name: 'YAML editor' })).toHaveValue('# my notes\n');
  await expect(page.getByRole('log', { name: 'Terminal output' })).toContainText('Welcome back');
  await expect(page.locator('[data-pod][data-ready="true"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.locator('.lesson-step[data-step="1"]')).toHaveAttribute('data-state', 'current');
  await expect(page.locator('[data-pod]')).toHaveCount(0);
});

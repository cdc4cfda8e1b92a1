// Issue #4, the playground page: the cluster drawing's groups named by their real owner, node
// counts that 300 pods do not clip, a one-row tablet top bar, and kubectl's help texts fetched
// when a line first needs them instead of on first load.
import { test, expect, type Page } from '@playwright/test';
import { SETTLE, SHOTS, open, output, readyPods, runCommand, shot, terminal, watch } from './helpers';

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

test('a DaemonSet and a StatefulSet get cards above the lanes and their pods are grouped by owner', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  await editor.fill(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page)).toContainText('daemonset.apps/agent created');
  await expect(output(page)).toContainText('statefulset.apps/web created');
  const ds = page.locator('[data-workload="ds/agent"]');
  const sts = page.locator('[data-workload="sts/web"]');
  await expect(ds.locator('.badge')).toHaveText('2/2 ready', SETTLE);
  await expect(sts.locator('.badge')).toHaveText('3/3 ready', SETTLE);
  await expect(sts.locator('.rs-image')).toHaveText('nginx:1.25');
  // One DaemonSet pod on each node; the StatefulSet's pods by ordinal.
  await expect(page.locator('.pod-group[data-owner-kind="DaemonSet"]')).toHaveCount(2);
  for (const name of ['web-0', 'web-1', 'web-2']) await expect(page.locator(`[data-pod="${name}"][data-ready="true"]`)).toHaveCount(1);
  await shot(page, '81-daemonset-statefulset.png');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a pod waits in Init:0/2 for its Services, drawn as initializing, and runs once they exist', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  await editor.fill(`apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb; do echo waiting for mydb; sleep 2; done"]
`);
  // No warning: init containers run.
  await expect(page.locator('.problem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page)).toContainText('pod/myapp-pod created');
  const pod = page.locator('[data-pod="myapp-pod"]');
  await expect(pod).toHaveAttribute('data-phase', 'Init:0/2', SETTLE);
  await expect(page.locator('.events')).toContainText('Init container init-myservice runs first', SETTLE);
  await shot(page, '82-init-containers-waiting.png');
  await runCommand(page, 'kubectl create service clusterip myservice --tcp=80:9376');
  await expect(pod).toHaveAttribute('data-phase', 'Init:1/2', SETTLE);
  await runCommand(page, 'kubectl create service clusterip mydb --tcp=80:9377');
  await expect(pod).toHaveAttribute('data-phase', 'Running', SETTLE);
  await expect(pod).toHaveAttribute('data-ready', 'true');
  await runCommand(page, 'kubectl logs myapp-pod -c init-mydb --tail=2');
  await expect(output(page)).toContainText('mydb.default.svc.cluster.local');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a sidecar that keeps exiting shows as 1/2 and CrashLoopBackOff on its pod, out of the Service', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  const editor = page.getByRole('textbox', { name: 'YAML editor' });
  await editor.fill(`apiVersion: v1
kind: Pod
metadata:
  name: duo
  labels:
    app: duo
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: helper
    image: busybox:1.36
`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(output(page)).toContainText('pod/duo created');
  const pod = page.locator('[data-pod="duo"]');
  await expect(pod).toHaveAttribute('data-phase', 'CrashLoopBackOff', SETTLE);
  await expect(pod).toHaveAttribute('data-containers', '1/2');
  await expect(pod).toHaveAttribute('data-ready', 'false');
  await expect(pod.locator('.pod-containers')).toHaveText('1/2');
  await expect(pod).toHaveAccessibleName(/1 of 2 containers ready/);
  // A pod of one container shows no count.
  await expect(readyPods(page).first()).not.toHaveAttribute('data-containers', /./);
  await expect(page.locator('.events')).toContainText('Container helper keeps exiting', SETTLE);
  await shot(page, '83-sidecar-crash-loop.png');
  await runCommand(page, 'kubectl get pod duo');
  await expect(output(page)).toContainText(/duo\s+1\/2\s+CrashLoopBackOff/);
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

/** What of a lane's label (node name, status, pod count) is cut: an element whose text is wider
 *  than its box, or whose box leaves the lane's. Empty when every label is whole. */
async function cutLaneLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const lane of document.querySelectorAll('.lane')) {
      const box = lane.getBoundingClientRect();
      for (const part of lane.querySelectorAll('.lane-label > *')) {
        const r = part.getBoundingClientRect();
        const what = `${(lane as HTMLElement).dataset.node} ${part.className} "${part.textContent}"`;
        if (part.scrollWidth > part.clientWidth + 0.5 && getComputedStyle(part).display !== 'inline') problems.push(`${what} is cut (${part.clientWidth} of ${part.scrollWidth} px)`);
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) problems.push(`${what} leaves its lane`);
        if (r.width === 0) problems.push(`${what} is not shown`);
      }
    }
    return problems;
  });
}

for (const [width, height] of [
  [1280, 720],
  [820, 1180],
  [1180, 820],
] as const) {
  test(`at ${width}x${height} with 300 pods every node lane shows its whole pod count`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page);
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('20');
    await runCommand(page, 'kubectl scale deployment nginx-deployment --replicas=300');
    await expect(page.locator('.lane[data-node="unscheduled"] [data-pod]')).not.toHaveCount(0, SETTLE);
    await expect.poll(() => readyPods(page).count(), SETTLE).toBeGreaterThanOrEqual(215);
    await page.waitForTimeout(1500);
    await expect(page.locator('.density-tiny')).toHaveCount(1);
    // The counts are the real ones: node-1 and node-2 hold 110 pods each, kube-system's among them.
    const counts = await page.locator('.lane .node-count').allTextContents();
    expect(counts.length).toBe(3);
    for (const count of counts) expect(count).toMatch(/^\d+ pods?$/);
    expect(await cutLaneLabels(page)).toEqual([]);
    // The drawing itself still fits its box (no inner scrollbar) at 1280x720.
    if (width === 1280) {
      const body = await page.locator('.cluster-body').evaluate((el) => [el.scrollHeight, el.clientHeight]);
      expect(body[0], `drawing ${body}`).toBeLessThanOrEqual(body[1] + 1);
    }
    await page.locator('.cluster-panel').scrollIntoViewIfNeeded();
    await shot(page, `81-lane-counts-300-pods-${width}x${height}.png`);
  });
}

for (const lang of ['en', 'ko'] as const) {
  test(`on a tablet 641 to 920 px wide (${lang}) the top bar is one row`, async ({ page }) => {
    await page.setViewportSize({ width: 880, height: 1000 });
    await open(page, lang === 'ko' ? '?lang=ko' : '');
    await expect(readyPods(page)).toHaveCount(3, SETTLE);
    for (const width of [641, 700, 760, 800, 880, 900, 920]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.waitForTimeout(50);
      const bar = (await page.locator('.topbar').boundingBox())!;
      expect(bar.height, `${width} px: one row`).toBeLessThanOrEqual(50);
      // Every control is inside the screen, on the bar's one row, its label on one line.
      for (const control of await page.locator('.topbar .brand, .topbar button, .topbar select, .topbar .clock').all()) {
        const box = (await control.boundingBox())!;
        const what = `${width} px: ${await control.evaluate((el) => el.outerHTML.slice(0, 60))}`;
        expect(box.x, what).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, what).toBeLessThanOrEqual(width);
        expect(box.y, what).toBeGreaterThanOrEqual(bar.y);
        expect(box.y + box.height, what).toBeLessThanOrEqual(bar.y + bar.height);
        expect(box.height, `${what}: one line`).toBeLessThanOrEqual(34);
      }
      // Play/Pause and Step keep their words.
      await expect(page.locator('.topbar .button.play .button-label')).toBeVisible();
      await expect(page.locator('.topbar .button.step .button-label')).toBeVisible();
      if (width === 700 || width === 880) {
        await shot(page, `82-topbar-tablet-${width}-${lang}.png`);
        if (lang === 'en') {
          await page.emulateMedia({ colorScheme: 'dark' });
          await shot(page, `82-topbar-tablet-${width}-${lang}-dark.png`);
          await page.emulateMedia({ colorScheme: 'light' });
        }
      }
    }
  });
}

test('kubectl --help fetches the help texts on first use, holding the line until they arrive', async ({ page }) => {
  const problems = watch(page);
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/help/')) fetched.push(request.url());
  });
  await open(page, '?lang=en');
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  // The first load and ordinary commands do not ask for the help texts.
  await runCommand(page, 'kubectl get deploy');
  await expect(output(page).locator('.line.stdout', { hasText: /^nginx-deployment/ })).toHaveCount(1);
  expect(fetched).toEqual([]);

  // Hold the answer back to see the page say it is loading.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/help/**', async (route) => {
    await held;
    await route.continue();
  });
  await runCommand(page, 'kubectl rollout undo --help');
  const loading = page.getByRole('status').filter({ hasText: "loading kubectl's help…" });
  await expect(loading).toBeVisible();
  await shot(page, '83-kubectl-help-loading.png');
  // A line typed meanwhile waits behind it, so the output stays in the order typed.
  await runCommand(page, 'kubectl get deploy');
  release();
  await expect(output(page).locator('.line.stdout', { hasText: 'Roll back to a previous rollout.' })).toHaveCount(1);
  await expect(output(page).locator('.line.stdout', { hasText: "kubectl rollout undo deployment/abc" })).toHaveCount(1);
  await expect(output(page).locator('.line.stdout', { hasText: 'Usage:' })).toHaveCount(1);
  await expect(loading).toHaveCount(0);
  await expect(output(page)).not.toContainText("kubectl's help is still loading");
  const commands = await output(page).locator('.line.command').allTextContents();
  expect(commands.slice(-2)).toEqual(['$ kubectl rollout undo --help', '$ kubectl get deploy']);
  await page.unroute('**/help/**');
  await shot(page, '84-kubectl-help.png');

  // Later help lines (a group run bare, `help CMD`, a new cluster) use what was fetched.
  await runCommand(page, 'kubectl rollout');
  await expect(output(page).locator('.line.stdout', { hasText: 'Manage the rollout of one or many resources.' })).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Recreate' });
  await expect(output(page)).toContainText('Scenario: Recreate.');
  await runCommand(page, 'kubectl help scale');
  await expect(output(page).locator('.line.stdout', { hasText: 'Set a new size for a deployment' })).toHaveCount(1);
  expect(fetched.length).toBe(1);
  expect(new URL(fetched[0]).pathname).toBe('/help/v1.32.json');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('when the help texts cannot be fetched, the line says so and the next one retries', async ({ page }) => {
  await page.route('**/help/**', (route) => route.abort());
  await open(page, '?lang=en');
  await runCommand(page, 'kubectl');
  await expect(output(page).locator('.line.stderr').last()).toHaveText("error: kubectl's help is still loading; try again in a moment");
  await runCommand(page, 'kubectl get deploy');
  await expect(output(page).locator('.line.stdout', { hasText: /^nginx-deployment/ })).toHaveCount(1);
  await page.unroute('**/help/**');
  await runCommand(page, 'kubectl');
  await expect(output(page).locator('.line.stdout', { hasText: 'kubectl controls the Kubernetes cluster manager.' })).toHaveCount(1);
});

test('kubectl exec -it opens a shell in the pod: its prompt, its variables, until exit', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await runCommand(page, 'kubectl exec -it deploy/nginx-deployment -- bash');
  const prompt = page.locator('.terminal-prompt .prompt');
  await expect(prompt).toHaveText(/^root@nginx-deployment-[a-z0-9]+-[a-z0-9]{5}:\/#$/);
  await runCommand(page, 'GREETING=hello; echo "$GREETING from $(hostname)"');
  await expect(output(page)).toContainText(/hello from nginx-deployment-[a-z0-9]+-[a-z0-9]{5}/);
  await expect(page.locator('.line.in-pod').last()).toContainText(/^root@nginx-deployment-.*:\/# GREETING=hello/);
  await runCommand(page, 'kubectl get pods');
  await expect(output(page)).toContainText('bash: kubectl: command not found');
  await shot(page, '84-exec-session.png');
  await runCommand(page, 'exit');
  await expect(prompt).toHaveText('$');
  await runCommand(page, 'kubectl get deploy nginx-deployment -o name');
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test("pasting a tutorial's heredoc block runs it as lines of a script, not one flattened line", async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const block = [
    'cat <<EOF | kubectl apply -f -',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: pasted',
    'data:',
    '  color: blue',
    'EOF',
    'kubectl get configmap pasted -o jsonpath="{.data.color}{\'\\n\'}"',
    '',
  ].join('\n');
  await terminal(page).evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expect(output(page)).toContainText('configmap/pasted created');
  await expect(page.locator('.line.in-pod', { hasText: '> kind: ConfigMap' })).toHaveCount(1);
  await expect(page.locator('.line.stdout').last()).toHaveText('blue');
  await expect(terminal(page)).toHaveValue('');
  await shot(page, '85-pasted-heredoc.png');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a tainted node shows its taints, a drained one is SchedulingDisabled, and its pods move to the other node', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  await runCommand(page, 'kubectl taint nodes node-2 dedicated=gpu:NoSchedule');
  await expect(output(page)).toContainText('node/node-2 tainted');
  const node2 = page.locator('.lane[data-node="node-2"]');
  await expect(node2).toHaveAttribute('data-taints', 'dedicated=gpu:NoSchedule');
  await expect(node2.locator('.node-taint')).toHaveText('dedicated=gpu:NoSchedule');
  await runCommand(page, 'kubectl drain node-1 --ignore-daemonsets');
  await expect(output(page)).toContainText('node/node-1 drained', SETTLE);
  const node1 = page.locator('.lane[data-node="node-1"]');
  await expect(node1).toHaveAttribute('data-unschedulable', 'true');
  await expect(node1.locator('.node-status')).toHaveText('Ready,SchedulingDisabled');
  // Both nodes refuse the replacements: node-1 is cordoned, node-2 tainted.
  await expect(page.locator('.lane[data-node="unscheduled"] [data-pod]').first()).toBeVisible(SETTLE);
  await shot(page, '81-tainted-and-drained.png');
  await runCommand(page, 'kubectl uncordon node-1');
  await expect(node1.locator('.node-status')).toHaveText('Ready', SETTLE);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('kubectl autoscale raises the Deployment to its minimum, and its card shows the HPA bounds', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  await runCommand(page, 'kubectl autoscale deployment nginx-deployment --min=5 --max=6');
  await expect(output(page)).toContainText('horizontalpodautoscaler.autoscaling/nginx-deployment autoscaled');
  const badge = page.locator('[data-deployment="nginx-deployment"] .badge.autoscaler');
  await expect(badge).toHaveText('HPA 5–6', SETTLE);
  await expect(badge).toHaveAttribute('title', /HorizontalPodAutoscaler nginx-deployment keeps 5 to 6 replicas/);
  // The controller's first sync is 15 s after creation: then the Deployment goes to 5.
  await expect(readyPods(page)).toHaveCount(5, SETTLE);
  await runCommand(page, 'kubectl get hpa');
  await expect(output(page)).toContainText('cpu: <unknown>/80%');
  await shot(page, '81-autoscaler-badge.png');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('a typed heredoc waits at "> " for its lines, at the $ prompt and in a container shell; a paste in the shell goes to it', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const prompt = page.locator('.terminal-prompt .prompt');
  await runCommand(page, 'cat <<EOF | kubectl apply -f -');
  await expect(prompt).toHaveText('>');
  for (const line of ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: typed', 'data:', '  color: green']) {
    await runCommand(page, line);
  }
  await expect(page.locator('.line.pending')).toHaveCount(7);
  await runCommand(page, 'EOF');
  await expect(output(page)).toContainText('configmap/typed created');
  await expect(page.locator('.line.pending')).toHaveCount(0);
  await expect(prompt).toHaveText('$');

  await runCommand(page, 'kubectl exec -it deploy/nginx-deployment -- bash');
  await expect(prompt).toHaveText(/^root@nginx-deployment-.*:\/#$/);
  await runCommand(page, 'cat > /usr/share/nginx/html/index.html <<EOF');
  await expect(prompt).toHaveText('>');
  await runCommand(page, 'hello from $(hostname)');
  await runCommand(page, 'EOF');
  await runCommand(page, 'curl -s localhost');
  await expect(page.locator('.line.stdout').last()).toHaveText(/^hello from nginx-deployment-[a-z0-9]+-[a-z0-9]{5}$/);
  await terminal(page).evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'cat <<EOF > /tmp/notes.txt\nwritten in the pod\nEOF\ncat /tmp/notes.txt\n');
  await expect(page.locator('.line.stdout').last()).toHaveText('written in the pod');
  await shot(page, '86-typed-heredoc.png');
  await runCommand(page, 'exit');
  await runCommand(page, 'cat /tmp/notes.txt');
  await expect(page.locator('.line.stderr').last()).toHaveText('cat: /tmp/notes.txt: No such file or directory');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

test('kubectl debug -it attaches the terminal to an ephemeral container in the pod until exit', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  await runCommand(page, 'POD=$(kubectl get pods -l app=nginx-pod -o name | head -1)');
  await runCommand(page, 'kubectl debug -it $POD --image=busybox:1.28 --target=nginx');
  await expect(output(page)).toContainText(/Defaulting debug container name to debugger-[a-z0-9]{5}\./);
  await expect(output(page)).toContainText("If you don't see a command prompt, try pressing enter.");
  const prompt = page.locator('.terminal-prompt .prompt');
  await expect(prompt).toHaveText('/ #');
  await runCommand(page, 'wget -qO- localhost | grep title');
  await expect(page.locator('.line.stdout').last()).toHaveText('<title>Welcome to nginx!</title>');
  await shot(page, '87-kubectl-debug.png');
  await runCommand(page, 'exit');
  await expect(output(page)).toContainText('Session ended, the ephemeral container will not be restarted');
  await expect(prompt).toHaveText('$');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

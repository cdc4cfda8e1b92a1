// kubectl edit in the page: the YAML panel is the editor kubectl opens (vi in a real terminal).
// The file opens in its own tab under kubectl's temporary name; Save sends the changes, a file
// the apiserver refuses comes back with kubectl's header of reasons, Cancel changes nothing.
import { test, expect } from '@playwright/test';
import { SETTLE, open, output, readyPods, runCommand, shot, watch } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.clear());
});

test('kubectl edit opens the object in the YAML panel; Save patches it, errors reopen it, Cancel leaves it', async ({ page }) => {
  const problems = watch(page);
  await open(page);
  await expect(readyPods(page)).toHaveCount(3, SETTLE);
  const editor = page.getByRole('textbox', { name: 'YAML editor' });

  await runCommand(page, 'kubectl edit deploy nginx-deployment');
  const tab = page.getByRole('tab', { name: /^\/tmp\/kubectl-edit-\d+\.yaml$/ });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(editor).toHaveValue(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n[\s\S]*\nkind: Deployment\n/);
  await expect(output(page)).toContainText('kubectl edit opened /tmp/kubectl-edit-');
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);

  // The terminal waits for the editor, as it would for vi.
  await runCommand(page, 'kubectl get pods');
  await expect(output(page)).toContainText('kubectl edit is waiting for its editor');

  // Refused by the apiserver: the file comes back with the reasons in its header.
  const text = await editor.inputValue();
  await editor.fill(text.replace(/\n {2}replicas: 3\n/, '\n  replicas: -1\n'));
  await shot(page, '90-kubectl-edit.png');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(output(page)).toContainText('error: deployments.apps "nginx-deployment" is invalid');
  await expect(editor).toHaveValue(/# deployments\.apps "nginx-deployment" was not valid:\n# \* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n/);

  // Fixed, and saved from the keyboard.
  const reopened = await editor.inputValue();
  await editor.fill(reopened.replace(/\n {2}replicas: -1\n/, '\n  replicas: 5\n'));
  await editor.press('Control+Enter');
  await expect(output(page)).toContainText('deployment.apps/nginx-deployment edited');
  await expect(tab).toHaveCount(0);
  await expect(readyPods(page)).toHaveCount(5, SETTLE);

  // Cancel: nothing sent.
  await runCommand(page, 'kubectl edit deployment/nginx-deployment');
  await expect(tab).toHaveCount(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(output(page)).toContainText('Edit cancelled, no changes made.');
  await expect(tab).toHaveCount(0);
  await runCommand(page, 'kubectl get deploy nginx-deployment -o jsonpath={.spec.replicas}');
  await expect(page.locator('.line.stdout').last()).toHaveText('5');
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], outside: [] });
});

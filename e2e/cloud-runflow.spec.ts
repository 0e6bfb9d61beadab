import { expect, test } from '@playwright/test';
import { RUNFLOW_KEY } from './fakes/runflow';
import { expectKeyNowhere, expectPastedBack, fake, prepareJob, setKeys } from './support/cloud';
import { EditorPage, maskAt } from './support/editorPage';

const runflow = fake('runflow');
const results = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Results' });

test.beforeEach(async () => {
  await runflow.reset();
  await runflow.jobMs(1500);
});

test('Runflow: with a key, two variations come back and are pasted back exactly; the key goes nowhere else', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runflow');
  await expect(page.getByText('Not ready: no Runflow API key set.')).toBeVisible();
  await expect(editor.button('Generate')).toBeDisabled();
  await setKeys(page, { 'Runflow API key': RUNFLOW_KEY });
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 2')).toBeVisible({ timeout: 30_000 });
  await expect(results(editor)).toContainText('seed 7');
  await expect(results(editor)).toContainText('seed 8');
  await expectPastedBack(page);

  // One paid run per variation, never more.
  const runs = (await runflow.seen()).filter((s) => s.kind === 'run');
  expect(runs).toHaveLength(2);
  expect(runs.map((r) => (r.body as { input: { seed: number } }).input.seed).sort()).toEqual([7, 8]);
  expect(urls.join('\n')).not.toContain(RUNFLOW_KEY);
  await expectKeyNowhere(page, RUNFLOW_KEY);
});

test('Runflow: a rate limit, then success, still gives the results', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runflow', { variations: 1 });
  await setKeys(page, { 'Runflow API key': RUNFLOW_KEY });
  await runflow.faults([{ on: 'submit', status: 429, body: { code: 'RATE_LIMITED', message: 'Too many requests', errors: null } }]);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  const submits = (await runflow.seen()).filter((s) => s.kind === 'submit');
  expect(submits).toHaveLength(2);
  expect((await runflow.seen()).filter((s) => s.kind === 'run')).toHaveLength(1);
});

test('Runflow: a wrong key gets the provider\'s own words in an alert, and the image, mask and settings stay', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runflow', { variations: 1 });
  await setKeys(page, { 'Runflow API key': 'rf_live_wrong_key_9999' });
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Runflow failed: Invalid API key. (PERMISSION_DENIED)');
  await expect(editor.alert).toContainText('Your image, mask and settings are unchanged.');
  await expect(editor.imageSize()).toHaveText('512 × 512');
  await expect(editor.field('Prompt')).toHaveValue('a wooden park bench');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 300)).toBe(255);
  // And Test connection says the same.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Runflow settings' });
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Invalid API key. (PERMISSION_DENIED)');
  await section.getByLabel('Runflow API key', { exact: true }).fill(RUNFLOW_KEY);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Runflow answered: service ok, key accepted.');
});

test('Runflow: Cancel while polling stops at once, and the run is never polled again', async ({ page }) => {
  const editor = new EditorPage(page);
  await runflow.jobMs(60_000);
  await prepareJob(editor, 'Runflow', { variations: 1 });
  await setKeys(page, { 'Runflow API key': RUNFLOW_KEY });
  await editor.button('Generate').click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect(queue).toContainText(/Waiting at Runflow|Generating/, { timeout: 15_000 });
  await queue.getByRole('button', { name: 'Cancel' }).click();
  await expect(queue).toHaveCount(0);
  await expect(page.getByText('Cancelled: no variation had finished.')).toBeVisible();
  const pollsOf = async (path: string) => (await runflow.seen()).filter((s) => s.path === path).length;
  const cancelled = (await runflow.seen()).find((s) => s.path.startsWith('/v1/runs/'))!.path;
  const polls = await pollsOf(cancelled);

  // A second run goes to the end (several polls, seconds apart); the cancelled one is not polled meanwhile.
  await runflow.jobMs(1500);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect(await pollsOf(cancelled)).toBe(polls);
});

test('Runflow: a reload while polling picks the run up, and its results still arrive, without paying again', async ({ page }) => {
  const editor = new EditorPage(page);
  await runflow.jobMs(6000);
  await prepareJob(editor, 'Runflow', { variations: 1 });
  await setKeys(page, { 'Runflow API key': RUNFLOW_KEY }, { remember: true });
  await editor.button('Generate').click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toContainText(/Waiting at Runflow|Generating/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toContainText(/1 ×/, { timeout: 30_000 });
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /Show results/ }).click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible();
  expect((await runflow.seen()).filter((s) => s.kind === 'run')).toHaveLength(1);
  // Remembered: stored, but only encrypted.
  await expectKeyNowhere(page, RUNFLOW_KEY);
});

test('the server refuses to fetch from a host the provider never named', async ({ page }) => {
  await new EditorPage(page).open();
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/runflow/external', { method: 'POST', headers: { 'X-Target-Url': 'http://169.254.169.254/latest/meta-data', 'X-Target-Method': 'GET' } });
    return [response.status, (await response.json()).proxyError.code];
  });
  expect(status).toEqual([403, 'HOST_NOT_NAMED']);
});

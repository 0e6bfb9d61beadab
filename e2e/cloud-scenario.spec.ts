import { expect, test } from '@playwright/test';
import { SCENARIO_AUTH, SCENARIO_KEY, SCENARIO_SECRET, SCENARIO_UNAUTHORIZED } from './fakes/scenario';
import { expectKeyNowhere, expectPastedBack, fake, prepareJob, setKeys } from './support/cloud';
import { EditorPage, maskAt } from './support/editorPage';

const scenario = fake('scenario');
const results = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Results' });
const keys = { 'Scenario API key': SCENARIO_KEY, 'Scenario API secret': SCENARIO_SECRET };
const jobsSeen = async () => (await scenario.seen()).filter((s) => s.kind === 'job');
const pollsOf = async (jobId: string) => (await scenario.seen()).filter((s) => s.path === `/v1/jobs/${jobId}`).length;

test.beforeEach(async () => {
  await scenario.reset();
  await scenario.jobMs(1500);
});

test('Scenario: with a key and secret, two variations come back and are pasted back exactly; neither goes anywhere else', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Scenario');
  await expect(page.getByText('Not ready: no Scenario API key set.')).toBeVisible();
  await expect(editor.button('Generate')).toBeDisabled();
  await setKeys(page, { 'Scenario API key': SCENARIO_KEY });
  await expect(page.getByText('Not ready: no Scenario API secret set.')).toBeVisible();
  await setKeys(page, { 'Scenario API secret': SCENARIO_SECRET });
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 2')).toBeVisible({ timeout: 30_000 });
  await expect(results(editor)).toContainText('seed 7');
  await expect(results(editor)).toContainText('seed 8');
  await expectPastedBack(page);

  // One paid job per variation, each with its own seed as a string, never more.
  const jobs = await jobsSeen();
  expect(jobs).toHaveLength(2);
  const bodies = jobs.map((j) => j.body as Record<string, unknown>);
  expect(bodies.map((b) => b.seed).sort()).toEqual(['7', '8']);
  expect(bodies.every((b) => b.numSamples === 1 && b.modelId === 'stable-diffusion-xl-base-1.0' && b.prompt === 'a wooden park bench')).toBe(true);
  // Basic base64(key:secret) on every call that reached Scenario.
  const calls = (await scenario.seen()).filter((s) => s.kind !== 'job');
  expect(calls.map((s) => s.kind)).toEqual(expect.arrayContaining(['submit', 'poll', 'api']));
  expect(new Set(calls.map((s) => s.auth))).toEqual(new Set([SCENARIO_AUTH]));
  expect(urls.join('\n')).not.toContain(SCENARIO_KEY);
  expect(urls.join('\n')).not.toContain(SCENARIO_SECRET);
  await expectKeyNowhere(page, SCENARIO_KEY);
  await expectKeyNowhere(page, SCENARIO_SECRET);
});

test('Scenario: a rate limit (per-team concurrency), then success, still gives the results without paying twice', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Scenario', { variations: 1 });
  await setKeys(page, keys);
  await scenario.faults([{ on: 'submit', status: 429, body: { message: 'Too many concurrent jobs for this team' } }]);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect((await scenario.seen()).filter((s) => s.kind === 'submit')).toHaveLength(2);
  expect(await jobsSeen()).toHaveLength(1);
});

test('Scenario: a wrong secret gets Scenario\'s own words in an alert, and the image, mask and settings stay', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Scenario', { variations: 1 });
  await setKeys(page, { 'Scenario API key': SCENARIO_KEY, 'Scenario API secret': 'wrong_secret_9999' });
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText(`Scenario failed: ${SCENARIO_UNAUTHORIZED}`);
  await expect(editor.alert).toContainText('Your image, mask and settings are unchanged.');
  await expect(editor.imageSize()).toHaveText('512 × 512');
  await expect(editor.field('Prompt')).toHaveValue('a wooden park bench');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 300)).toBe(255);
  expect(await jobsSeen()).toHaveLength(0);
  // And Test connection says the same.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Scenario settings' });
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText(SCENARIO_UNAUTHORIZED);
  await section.getByLabel('Scenario API secret', { exact: true }).fill(SCENARIO_SECRET);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Scenario answered: credentials accepted.');
});

test('Scenario: a job that fails says why, with Scenario\'s hint', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Scenario', { variations: 1 });
  await setKeys(page, keys);
  await scenario.faults([{ on: 'job', failJob: 'NSFW content detected' }]);
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Scenario failed: NSFW content detected (Try another prompt or model.)', { timeout: 30_000 });
  await expect(editor.alert).toContainText('Your image, mask and settings are unchanged.');
});

test('Scenario: Cancel while polling stops at once, and the job is never polled again', async ({ page }) => {
  const editor = new EditorPage(page);
  await scenario.jobMs(60_000);
  await prepareJob(editor, 'Scenario', { variations: 1 });
  await setKeys(page, keys);
  await editor.button('Generate').click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect(queue).toContainText(/Waiting at Scenario|Generating/, { timeout: 15_000 });
  await queue.getByRole('button', { name: 'Cancel' }).click();
  await expect(queue).toHaveCount(0);
  await expect(page.getByText('Cancelled: no variation had finished.')).toBeVisible();
  expect(await jobsSeen()).toHaveLength(1);
  const jobId = String((await scenario.seen()).find((s) => s.kind === 'poll')?.path.split('/').pop());
  const polls = await pollsOf(jobId);
  expect(polls).toBeGreaterThan(0);

  // A second job runs to the end (several polls, seconds apart); the cancelled one is not polled meanwhile.
  await scenario.jobMs(1500);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect(await jobsSeen()).toHaveLength(2);
  expect(await pollsOf(jobId)).toBe(polls);
});

test('Scenario: a reload while polling picks the job up, and its results still arrive, without paying again', async ({ page }) => {
  const editor = new EditorPage(page);
  await scenario.jobMs(6000);
  await prepareJob(editor, 'Scenario', { variations: 1 });
  await setKeys(page, keys, { remember: true });
  await editor.button('Generate').click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toContainText(/Waiting at Scenario|Generating/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toContainText(/1 ×/, { timeout: 30_000 });
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /Show results/ }).click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible();
  expect(await jobsSeen()).toHaveLength(1);
  // Remembered: stored, but only encrypted.
  await expectKeyNowhere(page, SCENARIO_KEY);
  await expectKeyNowhere(page, SCENARIO_SECRET);
});

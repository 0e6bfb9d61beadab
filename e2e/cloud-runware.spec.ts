import { expect, test } from '@playwright/test';
import { RUNWARE_KEY } from './fakes/runware';
import type { Seen } from './fakes/toolkit';
import { expectKeyNowhere, expectPastedBack, fake, prepareJob, setKeys } from './support/cloud';
import { EditorPage, maskAt } from './support/editorPage';

const runware = fake('runware');
const results = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Results' });

type Task = Record<string, unknown> & { taskType: string; taskUUID: string };
const tasksOf = (seen: Seen) => seen.body as Task[];
/** The tasks the fake accepted (and would charge for). */
const accepted = async () => (await runware.seen()).filter((s) => s.kind === 'task').map((s) => s.body as { taskUUID: string; seed: number });
/** The taskUUIDs each getResponse asked after. */
const polled = async () => (await runware.seen()).filter((s) => s.kind === 'poll').flatMap((s) => tasksOf(s).map((t) => t.taskUUID));

test.beforeEach(async () => {
  await runware.reset();
  await runware.jobMs(1500);
});

test('Runware: with a key, two variations come back and are pasted back exactly; the key goes nowhere else', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runware');
  await expect(page.getByText('Not ready: no Runware API key set.')).toBeVisible();
  await expect(editor.button('Generate')).toBeDisabled();
  await setKeys(page, { 'Runware API key': RUNWARE_KEY });
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 2')).toBeVisible({ timeout: 30_000 });
  // The fake reports a seed past 2^53 for one of them: the app keeps the seeds it sent.
  await expect(results(editor)).toContainText('seed 7');
  await expect(results(editor)).toContainText('seed 8');
  await expectPastedBack(page);

  // One paid task per variation, each with its own taskUUID, never more.
  const tasks = await accepted();
  expect(tasks.map((t) => t.seed).sort()).toEqual([7, 8]);
  expect(new Set(tasks.map((t) => t.taskUUID)).size).toBe(2);
  const submitted = (await runware.seen()).filter((s) => s.kind === 'submit').flatMap(tasksOf);
  expect(submitted).toHaveLength(2);
  for (const task of submitted) {
    expect(task).toMatchObject({ taskType: 'imageInference', positivePrompt: 'a wooden park bench', model: 'runware:102@1', deliveryMethod: 'async', numberResults: 1 });
    expect(task).not.toHaveProperty('negativePrompt');
    expect(task).not.toHaveProperty('maskMargin');
    expect([(task.width as number) % 64, (task.height as number) % 64]).toEqual([0, 0]);
  }
  expect((await runware.seen()).every((s) => s.path === '/v1')).toBe(true);
  expect(urls.join('\n')).not.toContain(RUNWARE_KEY);
  await expectKeyNowhere(page, RUNWARE_KEY);
});

test('Runware: a full queue (429), then success, still gives the results, each task accepted once', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runware', { variations: 1 });
  await setKeys(page, { 'Runware API key': RUNWARE_KEY });
  await runware.faults([{ on: 'submit', status: 429, body: { errors: [{ code: 'tooManyRequests', message: 'The queue is full, try again.', taskType: 'imageInference' }] } }]);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  const submits = (await runware.seen()).filter((s) => s.kind === 'submit');
  expect(submits).toHaveLength(2);
  // The retry is the same task: a repeat Runware can recognise.
  expect(submits.map((s) => tasksOf(s)[0].taskUUID)).toEqual([tasksOf(submits[0])[0].taskUUID, tasksOf(submits[0])[0].taskUUID]);
  const tasks = await accepted();
  expect(tasks).toHaveLength(1);
  expect(tasks[0].taskUUID).toBe(tasksOf(submits[0])[0].taskUUID);
});

test('Runware: a wrong key gets Runware\'s own words in an alert, and the image, mask and settings stay', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runware', { variations: 1 });
  await setKeys(page, { 'Runware API key': 'RwWrongKey000000000000000000000' });
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Runware failed: Invalid API key. Get one at https://my.runware.ai/signup (invalidApiKey)');
  await expect(editor.alert).toContainText('Your image, mask and settings are unchanged.');
  await expect(editor.imageSize()).toHaveText('512 × 512');
  await expect(editor.field('Prompt')).toHaveValue('a wooden park bench');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 300)).toBe(255);
  expect(await accepted()).toHaveLength(0);
  // And Test connection says the same.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'Runware settings' });
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Invalid API key. Get one at https://my.runware.ai/signup (invalidApiKey)');
  await section.getByLabel('Runware API key', { exact: true }).fill(RUNWARE_KEY);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Runware answered: key accepted.');
  // Testing the key asked after a task, and paid for none.
  expect(await accepted()).toHaveLength(0);
});

test('Runware: a task that fails is reported in Runware\'s words', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'Runware', { variations: 1 });
  await setKeys(page, { 'Runware API key': RUNWARE_KEY });
  await runware.faults([{ on: 'job', failJob: 'The model could not run on this input.' }]);
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Runware failed: The model could not run on this input. (inferenceFailed)', { timeout: 30_000 });
});

test('Runware: Cancel while polling stops asking after the task', async ({ page }) => {
  const editor = new EditorPage(page);
  await runware.jobMs(60_000);
  await prepareJob(editor, 'Runware', { variations: 1 });
  await setKeys(page, { 'Runware API key': RUNWARE_KEY });
  await editor.button('Generate').click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect(queue).toContainText(/Waiting at Runware|Generating/, { timeout: 15_000 });
  await expect.poll(async () => (await polled()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await queue.getByRole('button', { name: 'Cancel' }).click();
  await expect(queue).toHaveCount(0);
  await expect(page.getByText('Cancelled: no variation had finished.')).toBeVisible();
  const [cancelled] = await accepted();
  const before = (await polled()).filter((id) => id === cancelled.taskUUID).length;
  // Another job runs to its end meanwhile: the cancelled task is not asked after again.
  await runware.jobMs(2500);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect((await polled()).filter((id) => id === cancelled.taskUUID).length).toBe(before);
});

test('Runware: a reload while polling picks the task up by its taskUUID, and its results still arrive, without paying again', async ({ page }) => {
  const editor = new EditorPage(page);
  await runware.jobMs(6000);
  await prepareJob(editor, 'Runware', { variations: 1 });
  await setKeys(page, { 'Runware API key': RUNWARE_KEY }, { remember: true });
  await editor.button('Generate').click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toContainText(/Waiting at Runware|Generating/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toContainText(/1 ×/, { timeout: 30_000 });
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /Show results/ }).click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible();
  const tasks = await accepted();
  expect(tasks).toHaveLength(1);
  expect(new Set(await polled())).toEqual(new Set([tasks[0].taskUUID]));
  // Remembered: stored, but only encrypted.
  await expectKeyNowhere(page, RUNWARE_KEY);
});

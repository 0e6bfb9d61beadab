import { expect, test } from '@playwright/test';
import { MODELSLAB_KEY } from './fakes/modelslab';
import { fakeOrigin } from './fakes/ports';
import { expectKeyNowhere, expectPastedBack, fake, prepareJob, setKeys } from './support/cloud';
import { EditorPage, maskAt } from './support/editorPage';

const modelslab = fake('modelslab');
const results = (editor: EditorPage) => editor.page.getByRole('region', { name: 'Results' });
const seen = async (kind: string) => (await modelslab.seen()).filter((s) => s.kind === kind);
const inpaints = async () => (await seen('inpaint')).map((s) => s.body as Record<string, unknown>);
/** What the submits say their eta is (the job itself still takes jobMs). */
const eta = (seconds: number) => fetch(`${fakeOrigin('modelslab')}/__control/eta`, { method: 'POST', body: JSON.stringify({ seconds }) });

test.beforeEach(async () => {
  await modelslab.reset();
  await modelslab.jobMs(1500);
});

test('ModelsLab: with a key, two variations come back from one request and are pasted back exactly; the key goes nowhere else', async ({ page }) => {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  const editor = new EditorPage(page);
  await prepareJob(editor, 'ModelsLab');
  await expect(page.getByText('Not ready: no ModelsLab API key set.')).toBeVisible();
  await expect(editor.button('Generate')).toBeDisabled();
  await setKeys(page, { 'ModelsLab API key': MODELSLAB_KEY });
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 2')).toBeVisible({ timeout: 30_000 });
  await expect(results(editor)).toContainText('seed 7');
  await expect(results(editor)).toContainText('seed 8');
  await expectPastedBack(page);

  // Two samples in one paid request, seeded with the first variation's seed; the pictures went up as URLs.
  const sent = await inpaints();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ prompt: 'a wooden park bench', samples: '2', seed: 7 });
  // The crop around the mask, its sides multiples of 8 up to 1024, as strings.
  for (const side of [sent[0].width, sent[0].height]) expect(Number(side) % 8 === 0 && Number(side) <= 1024 && String(Number(side)) === side).toBe(true);
  expect(sent[0].init_image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
  expect(sent[0].mask_image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
  expect(await seen('upload')).toHaveLength(2);
  // The server put the key into every body; the browser never did.
  expect((await modelslab.seen()).filter((s) => s.kind !== 'inpaint').every((s) => s.auth === MODELSLAB_KEY)).toBe(true);
  expect(urls.join('\n')).not.toContain(MODELSLAB_KEY);
  await expectKeyNowhere(page, MODELSLAB_KEY);
});

test('ModelsLab: a rate limit inside a 200, then success, still gives the results, paying once', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'ModelsLab', { variations: 1 });
  await setKeys(page, { 'ModelsLab API key': MODELSLAB_KEY });
  await modelslab.faults([{ on: 'submit', status: 200, body: { status: 'error', message: 'Rate limit exceeded. Maximum 5 queued requests allowed.', retry_after: 1 } }]);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect(await seen('submit')).toHaveLength(2);
  expect(await inpaints()).toHaveLength(1);
});

test('ModelsLab: a wrong key gets ModelsLab\'s own words in an alert, and the image, mask and settings stay', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'ModelsLab', { variations: 1 });
  await setKeys(page, { 'ModelsLab API key': 'ml_wrong_key_9999' });
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('ModelsLab failed: Invalid API key.');
  await expect(editor.alert).toContainText('Your image, mask and settings are unchanged.');
  await expect(editor.imageSize()).toHaveText('512 × 512');
  await expect(editor.field('Prompt')).toHaveValue('a wooden park bench');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 256, 300)).toBe(255);
  expect(await inpaints()).toHaveLength(0);
  // And Test connection says the same.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const section = page.getByRole('region', { name: 'ModelsLab settings' });
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('Invalid API key.');
  await section.getByLabel('ModelsLab API key', { exact: true }).fill(MODELSLAB_KEY);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByRole('status')).toHaveText('ModelsLab answered: key accepted.');
});

test('ModelsLab: five variations go out as two requests, of 4 samples and of 1, each seed where it belongs', async ({ page }) => {
  const editor = new EditorPage(page);
  await prepareJob(editor, 'ModelsLab', { variations: 5 });
  await setKeys(page, { 'ModelsLab API key': MODELSLAB_KEY });
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 5')).toBeVisible({ timeout: 30_000 });
  for (const seed of [7, 8, 9, 10, 11]) await expect(results(editor)).toContainText(`seed ${seed}`);
  const sent = (await inpaints()).map((body) => [body.samples, body.seed]).sort((a, b) => Number(a[1]) - Number(b[1]));
  expect(sent).toEqual([
    ['4', 7],
    ['1', 11],
  ]);
  // Each request uploads its crop and mask: two requests, four uploads.
  expect(await seen('upload')).toHaveLength(4);
});

test('ModelsLab: Cancel while polling stops at once', async ({ page }) => {
  const editor = new EditorPage(page);
  await modelslab.jobMs(20_000);
  await eta(1);
  await prepareJob(editor, 'ModelsLab', { variations: 1 });
  await setKeys(page, { 'ModelsLab API key': MODELSLAB_KEY });
  await editor.button('Generate').click();
  const queue = page.getByRole('list', { name: 'Job queue' });
  await expect.poll(async () => (await seen('poll')).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(queue).toContainText(/Waiting at ModelsLab|Generating/);
  await queue.getByRole('button', { name: 'Cancel' }).click();
  await expect(queue).toHaveCount(0);
  await expect(page.getByText('Cancelled: no variation had finished.')).toBeVisible();
  const [{ path: cancelled }] = await seen('poll');
  const pollsOf = async (path: string) => (await seen('poll')).filter((s) => s.path === path).length;
  const polls = await pollsOf(cancelled);

  // Another job runs to the end meanwhile; the cancelled request is never asked for again.
  await modelslab.jobMs(1500);
  await editor.button('Generate').click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  expect(await pollsOf(cancelled)).toBe(polls);
});

test('ModelsLab: a reload while polling picks the request up, and its results still arrive, without paying or uploading again', async ({ page }) => {
  const editor = new EditorPage(page);
  await modelslab.jobMs(6000);
  await prepareJob(editor, 'ModelsLab', { variations: 1 });
  await setKeys(page, { 'ModelsLab API key': MODELSLAB_KEY }, { remember: true });
  await editor.button('Generate').click();
  await expect(page.getByRole('list', { name: 'Job queue' })).toContainText(/Waiting at ModelsLab|Generating/, { timeout: 15_000 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem')).toContainText(/1 ×/, { timeout: 30_000 });
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: /Show results/ }).click();
  await expect(results(editor).getByAltText('Variation 1')).toBeVisible();
  expect(await inpaints()).toHaveLength(1);
  expect(await seen('upload')).toHaveLength(2);
  // Remembered: stored, but only encrypted.
  await expectKeyNowhere(page, MODELSLAB_KEY);
});

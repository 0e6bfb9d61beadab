import { expect, test, type Page } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { pngOfSize } from './support/imageFiles';

/** A textured photo and a big hole: each variation of the remover takes a while, so a job can be caught half done. */
async function startSlowJob(editor: EditorPage, variations: number) {
  await editor.upload(pngOfSize(1000, 750, (x, y) => [(x * 7) % 256, (y * 5) % 256, ((x ^ y) * 3) % 256, 255], 'busy.png'));
  await expect(editor.imageSize()).toHaveText('1000 × 750');
  await editor.waitForView();
  await editor.button('Rectangle').click();
  await editor.drag([250, 200], [750, 550]);
  await editor.field('Variations').fill(String(variations));
  await editor.page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('500');
  await editor.button('Generate').click();
}

const results = (page: Page) => page.getByRole('region', { name: 'Results' });
const thumbnails = (page: Page) => results(page).getByRole('button', { name: /^Variation \d+ seed \d+$/ });

test('each variation shows as soon as it is done, and Cancel keeps the finished ones', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await startSlowJob(editor, 8);
  await expect(results(page).getByAltText('Variation 1')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Job queue' })).toBeVisible();

  await page.getByRole('list', { name: 'Job queue' }).getByRole('button', { name: 'Cancel' }).click();
  const notice = page.getByText(/^Cancelled: \d of 8 variations kept\.$/);
  await expect(notice).toBeVisible();
  const kept = Number((await notice.textContent())!.match(/Cancelled: (\d)/)![1]);
  expect(kept).toBeGreaterThanOrEqual(1);
  expect(kept).toBeLessThan(8);
  await expect(page.getByRole('list', { name: 'Job queue' })).toHaveCount(0);
  await expect(thumbnails(page)).toHaveCount(kept);
  await expect(results(page)).toContainText(`${kept} of 8 variations`);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText(`Cancelled · ${kept} of 8 kept`);
});

test('a reload in the middle of a job leaves it in History as interrupted, with what it finished, and Run again completes it', async ({ page }) => {
  test.setTimeout(180_000);
  const editor = new EditorPage(page);
  await editor.open();
  await startSlowJob(editor, 8);
  await expect(results(page).getByAltText('Variation 2')).toBeVisible({ timeout: 90_000 });
  await page.reload();

  const history = page.getByRole('region', { name: 'History' });
  const entry = history.getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/Interrupted · [2-7] of 8 kept/);
  const finished = Number((await entry.textContent())!.match(/Interrupted · (\d)/)![1]);
  await entry.getByRole('button', { name: /Show results/ }).click();
  await expect(thumbnails(page)).toHaveCount(finished);
  await expect(results(page).getByText('seed 500', { exact: true })).toBeVisible();

  await entry.getByRole('button', { name: 'Run again' }).click();
  await expect(entry).toContainText(/Running · \d of 8/);
  await expect(entry).toContainText(/8 ×/, { timeout: 150_000 });
  await expect(thumbnails(page)).toHaveCount(8);
  // The finished ones were kept, not made again: seeds 500..507, each once.
  for (let seed = 500; seed < 508; seed++) await expect(results(page).getByText(`seed ${seed}`, { exact: true })).toHaveCount(1);
  await expect(entry.getByRole('button', { name: 'Run again' })).toHaveCount(0);
});

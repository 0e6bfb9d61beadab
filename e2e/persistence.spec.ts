import { expect, test } from '@playwright/test';
import { EditorPage, maskAt } from './support/editorPage';

const PHOTO = 'alex-iby-G_Pk4D9rMLs.png';

test('image, mask, parameters and view come back after a reload', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.setBrush(30);
  await editor.drag([60, 60], [300, 60]);
  await editor.field('Variations').fill('6');
  await editor.field('Padding').fill('48');
  await page.getByLabel('Output format').selectOption('webp');
  await editor.field('Feather').fill('0');
  await editor.field('Seed').fill('1234');
  await page.getByLabel('Random seed').uncheck();
  await editor.button('Actual size').click();
  const viewBefore = await editor.view();
  await editor.waitSaved();

  await page.reload();
  await expect(editor.imageSize()).toHaveText('512 × 512');
  await expect(page.getByLabel('Image', { exact: true })).toContainText(PHOTO);
  await expect(editor.field('Variations')).toHaveValue('6');
  await expect(editor.field('Padding')).toHaveValue('48');
  await expect(page.getByLabel('Output format')).toHaveValue('webp');
  await expect(editor.field('Seed')).toHaveValue('1234');
  await expect(page.getByLabel('Random seed')).not.toBeChecked();
  await editor.waitForView();
  const viewAfter = await editor.view();
  expect([viewAfter.scale, viewAfter.x, viewAfter.y]).toEqual([viewBefore.scale, viewBefore.x, viewBefore.y]);

  const mask = await editor.exportMask();
  expect(maskAt(mask, 100, 60)).toBe(255);
  expect(maskAt(mask, 100, 120)).toBe(0);
  // The stroke made after the reload is undoable, the one before is not in history.
  await expect(editor.button('Undo')).toBeDisabled();
});

test('closing the tab right after an edit keeps it', async ({ page, context }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.waitSaved();
  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [200, 200]);
  await editor.field('Variations').fill('3');
  await page.close({ runBeforeUnload: true });

  const again = new EditorPage(await context.newPage());
  await again.open();
  await expect(again.imageSize()).toHaveText('512 × 512');
  await expect(again.field('Variations')).toHaveValue('3');
  await again.field('Feather').fill('0');
  const mask = await again.exportMask();
  expect(maskAt(mask, 150, 150)).toBe(255);
});

test('a full browser storage is reported and the work stays open', async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as { fullDisk?: boolean }).fullDisk) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await page.evaluate(() => ((window as unknown as { fullDisk?: boolean }).fullDisk = true));
  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [200, 200]);
  await expect(editor.alert).toContainText("Couldn't save your work");
  await expect(editor.alert).toContainText('storage for the site is full');
  await expect(page.getByText('Not saved')).toBeVisible();
  await editor.field('Feather').fill('0');
  const mask = await editor.exportMask();
  expect(maskAt(mask, 150, 150)).toBe(255);
});

import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';

test('the app is cross-origin isolated (wasm threads later need it)', async ({ page }) => {
  await new EditorPage(page).open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('every control has an accessible name, and the named ones exist', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.uploadAndWait('overture-creations-5sI6fQgYIuo.png');
  // Hidden inputs behind a button (Import mask) are not in the accessibility tree.
  const controls = page.locator('button, input, select, textarea').filter({ visible: true });
  const count = await controls.count();
  expect(count).toBeGreaterThan(30);
  for (let i = 0; i < count; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);

  const buttons = ['Brush', 'Eraser', 'Rectangle', 'Lasso', 'Undo', 'Redo', 'Invert mask', 'Clear mask', 'Grow mask', 'Shrink mask', 'Import mask', 'Export mask', 'Generate'];
  for (const name of buttons) await expect(editor.button(name)).toHaveCount(1);
  const fields = ['Upload image', 'Brush size', 'Feather', 'Strength', 'Steps', 'Guidance scale', 'Variations', 'Padding', 'Prompt', 'Negative prompt', 'Seed'];
  for (const label of fields) await expect(editor.field(label)).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Negative prompt', exact: true })).toHaveCount(1);
});

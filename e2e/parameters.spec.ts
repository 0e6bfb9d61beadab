import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';

const REMOVER_NOTE = 'The built-in remover fills from the surroundings and uses no prompt, strength, steps, guidance or scheduler.';

test('the Parameters panel follows the engine: the built-in remover disables what it does not use, with the note', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await expect(editor.field('Engine')).toHaveValue('builtin-remover');
  await expect(page.getByText(REMOVER_NOTE)).toBeVisible();
  for (const label of ['Prompt', 'Negative prompt', 'Strength', 'Guidance scale', 'Steps', 'Scheduler']) {
    const field = editor.field(label);
    await expect(field).toBeDisabled();
    await expect(field).toHaveAccessibleDescription(REMOVER_NOTE);
  }
  await expect(page.getByLabel('Strength slider')).toBeDisabled();
  // What it does use stays on.
  for (const label of ['Variations', 'Seed', 'Padding', 'Feather']) await expect(editor.field(label)).toBeEnabled();
  await expect(page.getByLabel('Random seed')).toBeEnabled();
});

test('out-of-range values are shown as invalid with the engine\'s allowed range', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // The seed is checked only when it is used: a fixed seed.
  await page.getByLabel('Random seed').uncheck();
  const cases = [
    { label: 'Variations', value: '9', range: /1.*8/ },
    { label: 'Seed', value: '-3', range: /0.*4294967295/ },
    { label: 'Padding', value: '300', range: /0.*256/ },
    { label: 'Feather', value: '129', range: /0.*128/ },
  ];
  for (const { label, value, range } of cases) {
    const input = editor.field(label);
    await input.fill(value);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(range);
    // Never silently changed.
    await expect(input).toHaveValue(value);
  }
  await editor.field('Variations').fill('8');
  await expect(editor.field('Variations')).not.toHaveAttribute('aria-invalid', 'true');
});

test('Generate validates the job: image, mask and parameters', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Upload an image first');

  await editor.uploadAndWait('overture-creations-5sI6fQgYIuo.png');
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Paint a mask');

  await editor.button('Rectangle').click();
  await editor.drag([100, 100], [356, 356]);
  await editor.field('Variations').fill('12');
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Variations must be a whole number from 1 to 8');

  await editor.field('Variations').fill('4');
  await page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('77');
  await editor.button('Generate').click();
  await expect(editor.alert).toHaveCount(0);
  // A valid job runs: its variations come back with the fixed seed and the ones after it.
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByAltText('Variation 4')).toBeVisible({ timeout: 60_000 });
  await expect(results).toContainText('seed 77');
  await expect(results).toContainText('seed 80');
});

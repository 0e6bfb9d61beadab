import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';

test('out-of-range values are shown as invalid with the allowed range', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // The seed is checked only when it is used: a fixed seed.
  await page.getByLabel('Random seed').uncheck();
  const cases = [
    { label: 'Strength', value: '1.5', range: /0\.01.*1/ },
    { label: 'Steps', value: '0', range: /1.*150/ },
    { label: 'Guidance scale', value: '31', range: /0.*30/ },
    { label: 'Variations', value: '9', range: /1.*8/ },
    { label: 'Seed', value: '-3', range: /0.*4294967295/ },
  ];
  for (const { label, value, range } of cases) {
    const input = editor.field(label);
    await input.fill(value);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(range);
    await expect(input).toHaveValue(value);
  }
  await editor.field('Steps').fill('30');
  await expect(editor.field('Steps')).not.toHaveAttribute('aria-invalid', 'true');
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
  await editor.field('Steps').fill('500');
  await editor.button('Generate').click();
  await expect(editor.alert).toContainText('Steps');

  await editor.field('Steps').fill('20');
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

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { decodePng, depth, productPhoto, subjectModelAndRunflow, type Box } from './support/backgroundSwap';
import { fake } from './support/cloud';
import { EditorPage, maskAt } from './support/editorPage';

const host = fake('modelHost');
const runflow = fake('runflow');

const SUBJECT: Box = { x0: 40, x1: 88, y0: 24, y1: 72 };
const PHOTO = productPhoto(128, 96, SUBJECT, 'bag.png');
const EXAMPLE = 'on a marble table, soft daylight, product photography';

test.beforeEach(async () => {
  await host.reset();
  await runflow.reset();
  await runflow.jobMs(500);
});

test.describe.configure({ timeout: 120_000 });

async function openPhoto(editor: EditorPage) {
  await editor.open();
  await editor.upload(PHOTO);
  await expect(editor.imageSize()).toHaveText('128 × 96');
  await editor.waitForView();
}

test('Replace background selects the background, sets strength 1 and the prompt; Runflow repaints it and the subject stays exact', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await subjectModelAndRunflow(editor);
  // Runflow's own default strength, and the editor's default feather, before the preset.
  await expect(editor.field('Strength')).toHaveValue('0.95');
  await expect(editor.field('Feather')).toHaveValue('4');

  await editor.button('Replace background').click();
  await expect(editor.field('Prompt')).toBeFocused({ timeout: 60_000 });
  await expect(editor.field('Prompt')).toHaveAttribute('placeholder', EXAMPLE);
  await expect(editor.field('Strength')).toHaveValue('1');
  await expect(editor.field('Feather')).toHaveValue('0');

  // The mask: all of the ground, none of the subject's middle.
  const mask = await editor.exportMask();
  expect([mask.width, mask.height]).toEqual([128, 96]);
  let ground = 0;
  let middle = 0;
  for (let y = 0; y < 96; y++) {
    for (let x = 0; x < 128; x++) {
      if (depth(SUBJECT, x, y) < 0 && maskAt(mask, x, y) === 255) ground++;
      if (depth(SUBJECT, x, y) >= 10 && maskAt(mask, x, y) === 0) middle++;
    }
  }
  expect(ground).toBe(128 * 96 - 48 * 48);
  expect(middle).toBe(28 * 28);
  await editor.field('Prompt').fill('on white marble');
  await editor.field('Variations').fill('1');
  await page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('7');

  await editor.button('Generate').click();
  await expect(page.getByRole('region', { name: 'Results' }).getByAltText('Variation 1')).toBeVisible({ timeout: 30_000 });
  const runs = (await runflow.seen()).filter((s) => s.kind === 'run');
  expect(runs).toHaveLength(1);
  expect((runs[0].body as { input: { prompt: string; strength: number } }).input).toMatchObject({ prompt: 'on white marble', strength: 1 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const saved = decodePng(readFileSync(await (await download).path()));
  const photo = decodePng(PHOTO.buffer);
  let kept = 0;
  let keptDiffer = 0;
  let groundDiffer = 0;
  for (let i = 0; i < 128 * 96; i++) {
    const same = [0, 1, 2, 3].every((c) => saved.data[i * 4 + c] === photo.data[i * 4 + c]);
    if (mask.values[i] === 0) {
      kept++;
      if (!same) keptDiffer++;
    }
    if (mask.values[i] === 255 && !same) groundDiffer++;
  }
  // Every pixel the mask keeps (the subject, bar its repainted edge) is the photo's, byte for byte; the ground is new.
  expect(kept).toBeGreaterThanOrEqual(28 * 28);
  expect(keptDiffer).toBe(0);
  expect(groundDiffer).toBeGreaterThan(0.95 * (128 * 96 - 48 * 48));

  // The selection was one step: Undo gives the empty mask back.
  await editor.button('Undo').click();
  const undone = await editor.exportMask();
  expect(undone.values.every((v) => v === 0)).toBe(true);
});

test('with an engine that takes no prompt, Replace background says which engines to choose and changes nothing', async ({ page }) => {
  const editor = new EditorPage(page);
  await openPhoto(editor);
  await editor.button('Rectangle').click();
  await editor.drag([4, 4], [30, 30]);
  const before = await editor.exportMask();

  await expect(editor.field('Engine')).toHaveValue('builtin-remover');
  await editor.button('Replace background').click();
  await expect(editor.alert).toContainText(
    'Replace background paints a new background from a prompt, and Built-in remover takes no prompt. Choose Local model with a Stable Diffusion model, Runflow, Scenario, Runware or ModelsLab in Engine, then try again. Nothing was changed.',
  );
  // MI-GAN, the local engine's default, takes none either.
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await editor.button('Replace background').click();
  await expect(editor.alert).toContainText('and the chosen local model takes no prompt. Choose Local model with a Stable Diffusion model, Runflow');

  await expect(editor.field('Feather')).toHaveValue('4');
  await expect(editor.field('Prompt')).not.toBeFocused();
  const after = await editor.exportMask();
  expect(Array.from(after.values)).toEqual(Array.from(before.values));
  expect(await host.seen()).toEqual([]);
});

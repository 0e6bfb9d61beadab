/** Helpers for the cloud provider tests: Settings, the fakes' controls, checking a download. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { ModelHostFault } from '../fakes/modelHost';
import type { Fault, Seen } from '../fakes/toolkit';
import { fakeOrigin, type fakePorts } from '../fakes/ports';
import { EditorPage, fixture, readMaskFixture } from './editorPage';

export const PHOTO = 'overture-creations-5sI6fQgYIuo.png';
export const MASK = 'overture-creations-5sI6fQgYIuo_mask.png';

type FakeName = keyof typeof fakePorts;

/** A fake provider's control panel. */
export function fake(name: FakeName) {
  const url = (path: string) => `${fakeOrigin(name)}/__control/${path}`;
  return {
    reset: () => fetch(url('reset'), { method: 'POST' }),
    faults: (faults: (Fault | ModelHostFault)[]) => fetch(url('faults'), { method: 'POST', body: JSON.stringify(faults) }),
    jobMs: (ms: number) => fetch(url('job-ms'), { method: 'POST', body: JSON.stringify({ ms }) }),
    seen: async () => (await (await fetch(url('seen'))).json()) as Seen[],
  };
}

/** Types the keys into Settings, then closes it. */
export async function setKeys(page: Page, keys: Record<string, string>, options: { remember?: boolean } = {}) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  if (options.remember) await settings.getByLabel('Remember on this device').check();
  for (const [label, value] of Object.entries(keys)) await settings.getByLabel(label, { exact: true }).fill(value);
  await settings.getByRole('button', { name: 'Close settings' }).click();
}

/** The photo and its mask, the engine chosen, a prompt and fixed seeds: ready to generate. */
export async function prepareJob(editor: EditorPage, engine: string, options: { variations?: number; prompt?: string } = {}) {
  const { page } = editor;
  await editor.open();
  await editor.uploadAndWait(PHOTO);
  await editor.importMask(MASK);
  await editor.field('Engine').selectOption({ label: engine });
  await editor.field('Feather').fill('0');
  await editor.field('Prompt').fill(options.prompt ?? 'a wooden park bench');
  await editor.field('Variations').fill(String(options.variations ?? 2));
  await page.getByLabel('Random seed').uncheck();
  await editor.field('Seed').fill('7');
}

/** Downloads the variation on show and checks it against the photo: outside the mask byte for byte, inside changed. */
export async function expectPastedBack(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const saved = PNG.sync.read(readFileSync(await (await download).path()));
  const photo = PNG.sync.read(readFileSync(fixture(PHOTO)));
  const mask = readMaskFixture(MASK);
  expect([saved.width, saved.height]).toEqual([photo.width, photo.height]);
  let outsideDiffer = 0;
  let insideDiffer = 0;
  for (let i = 0; i < mask.values.length; i++) {
    const same = [0, 1, 2].every((c) => saved.data[i * 4 + c] === photo.data[i * 4 + c]);
    if (mask.values[i] === 0 && !same) outsideDiffer++;
    if (mask.values[i] === 255 && !same) insideDiffer++;
  }
  expect(outsideDiffer).toBe(0);
  expect(insideDiffer).toBeGreaterThan(1000);
}

/** Nothing the user typed as a key is in the page, its storage in clear, its URLs, or the server's log. */
export async function expectKeyNowhere(page: Page, key: string) {
  expect(await page.content()).not.toContain(key);
  expect(page.url()).not.toContain(key);
  const stored = await page.evaluate(async () => {
    const dump: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('inpaint-studio');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      dump.push(JSON.stringify(all, (_, value) => (value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? new TextDecoder().decode(value as ArrayBuffer) : value)));
    }
    return dump.join('\n');
  });
  expect(stored).not.toContain(key);
  const log = readFileSync('test-results/server.log', 'utf8');
  expect(log).not.toContain(key);
}

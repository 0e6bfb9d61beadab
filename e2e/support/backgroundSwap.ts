/** Product photos and setup shared by the background swap specs: a bright subject on a dark ground. */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { PNG } from 'pngjs';
import { fakeOrigin } from '../fakes/ports';
import { RUNFLOW_KEY } from '../fakes/runflow';
import { setKeys } from './cloud';
import type { EditorPage } from './editorPage';
import { pngOfSize, type FilePayload } from './imageFiles';
import { addModelFromUrl } from './localModels';

export const ISNET_URL = `${fakeOrigin('modelHost')}/isnet-general-use.onnx`;

/** Where the subject is: x0 <= x < x1, y0 <= y < y1. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** How far inside the box a pixel is (negative outside). */
export function depth(box: Box, x: number, y: number) {
  const inside = Math.min(x - box.x0, box.x1 - 1 - x, y - box.y0, box.y1 - 1 - y);
  return inside >= 0 ? inside : -Math.max(box.x0 - x, x - box.x1 + 1, box.y0 - y, y - box.y1 + 1);
}

/**
 * A product shot: a bright, textured subject in `box` (the tiny subject models call bright
 * the subject) on a dark, textured ground, so that any changed pixel shows.
 */
export function productPhoto(width: number, height: number, box: Box, name: string): FilePayload {
  return pngOfSize(
    width,
    height,
    (x, y) => (depth(box, x, y) >= 0 ? [230 + ((x * 3 + y) % 20), 215 + ((x + y * 5) % 25), 190 + (x % 7), 255] : [40 + ((x * 7 + y * 3) % 30), 60 + ((x + y) % 20), 70 + (y % 11), 255]),
    name,
  );
}

export const decodePng = (buffer: Buffer) => PNG.sync.read(buffer);
export const readPng = (path: string) => PNG.sync.read(readFileSync(path));

/** Adds the tiny ISNet-shaped model by URL (it becomes Select subject's), then chooses Runflow with its key. */
export async function subjectModelAndRunflow(editor: EditorPage) {
  const { page } = editor;
  await editor.field('Engine').selectOption({ label: 'Local model' });
  await addModelFromUrl(page, ISNET_URL);
  // The first session compiles onnxruntime's wasm: slow on a busy machine.
  await expect(page.getByText(/^Added isnet-general-use \(ISNet-shaped, used by Select subject\)/)).toBeVisible({ timeout: 60_000 });
  await editor.field('Engine').selectOption({ label: 'Runflow' });
  await setKeys(page, { 'Runflow API key': RUNFLOW_KEY });
}


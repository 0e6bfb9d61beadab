/**
 * "Select subject" end to end on the tiny ISNet- and U-2-Netp-shaped models with
 * onnxruntime-node: recognised by their inputs as "Add model from URL" does, then the same
 * pre- and post-processing the worker runs (src/engines/local/segmentation/subject.ts) and
 * the mask the editor gets (src/mask/subjectMask.ts). The subject is the bright rectangle,
 * half of it only just over the models' threshold.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it, vi } from 'vitest';
import { recogniseModel } from '../../src/engines/local/recognise';
import type { TensorData, TensorInfo } from '../../src/engines/local/removers';
import { subjectAlpha, subjectFeeds, subjectInput } from '../../src/engines/local/segmentation/subject';
import { subjectToMask } from '../../src/mask/subjectMask';
import { miganShaped } from './removers';
import { isnetShaped, u2netpShaped } from './segmentation';

vi.setConfig({ testTimeout: 60_000 });

const WIDTH = 64;
const HEIGHT = 48;
/** The bright subject: columns 12..43, rows 8..39 (exclusive ends). */
const RECT = { x0: 12, x1: 44, y0: 8, y1: 40 };
const inRect = (x: number, y: number) => x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1;
/** Grey levels: the subject's left half is bright, its right half only just brighter than the models' threshold (0.6). */
const BRIGHT = 230;
const JUST_BRIGHT = 168;
const GROUND = 51;
/** Pixels at least this far from the rectangle's edge must be decided exactly. */
const MARGIN = 2;
const nearEdge = (x: number, y: number) =>
  [x - RECT.x0, RECT.x1 - 1 - x, y - RECT.y0, RECT.y1 - 1 - y].some((d) => d > -MARGIN - 1 && d < MARGIN) &&
  x > RECT.x0 - MARGIN - 1 && x < RECT.x1 + MARGIN && y > RECT.y0 - MARGIN - 1 && y < RECT.y1 + MARGIN;

function photo() {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      // The near-threshold half tells a right normalisation from a wrong one.
      const grey = !inRect(x, y) ? GROUND : x < (RECT.x0 + RECT.x1) >> 1 ? BRIGHT : JUST_BRIGHT;
      data.set([grey, grey, grey, 255], (y * WIDTH + x) * 4);
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

const info = (metadata: readonly ort.InferenceSession.ValueMetadata[]): TensorInfo[] =>
  metadata.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name, type: 'unknown', shape: [] }));

async function open(bytes: Uint8Array) {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  return { session, inputs: info(session.inputMetadata), outputs: info(session.outputMetadata) };
}

/** The subject's alpha as the worker makes it: only output 0 is fetched. */
async function alphaOf(bytes: Uint8Array) {
  const { session, inputs, outputs } = await open(bytes);
  const input = subjectInput(inputs, outputs);
  const feeds = subjectFeeds(input, photo());
  const tensors = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor(t.type, t.data, t.dims)]));
  const results = await session.run(tensors, [outputs[0].name]);
  const out: Record<string, TensorData> = {};
  for (const [name, t] of Object.entries(results)) out[name] = { type: 'float32', data: t.data as Float32Array, dims: [...t.dims] };
  await session.release();
  return { input, alpha: subjectAlpha(outputs, out, WIDTH, HEIGHT) };
}

describe.each([
  ['ISNet', isnetShaped, { kind: 'isnet', name: 'input_image', width: 1024, height: 1024 }],
  ['U-2-Netp', u2netpShaped, { kind: 'u2netp', name: 'input.1', width: 320, height: 320 }],
] as const)('%s-shaped', (_, make, expectedInput) => {
  it('is recognised by its inputs and outputs as a subject model', async () => {
    const { inputs, outputs } = await open(make());
    expect(recogniseModel(inputs, outputs)).toEqual({ task: 'subject', kind: expectedInput.kind });
  });

  it('gives the bright rectangle as the subject, at the photo size, and the background as its grown inverse', async () => {
    const { input, alpha } = await alphaOf(make());
    expect(input).toEqual(expectedInput);
    expect(alpha.length).toBe(WIDTH * HEIGHT);
    const subject = subjectToMask(alpha, WIDTH, HEIGHT, { background: false });
    const background = subjectToMask(alpha, WIDTH, HEIGHT, { background: true });
    const wrong: string[] = [];
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const i = y * WIDTH + x;
        if (nearEdge(x, y)) continue;
        const inside = inRect(x, y);
        if (subject[i] !== (inside ? 255 : 0)) wrong.push(`subject ${x},${y}=${subject[i]}`);
        if (!inside && background[i] !== 255) wrong.push(`background ${x},${y}=${background[i]}`);
      }
    }
    expect(wrong).toEqual([]);
    // The background reaches into the subject's edge, and leaves its middle alone.
    const row = (RECT.y0 + RECT.y1) >> 1;
    expect(background[row * WIDTH + RECT.x0 + 1]).toBeGreaterThan(200);
    expect(background[row * WIDTH + ((RECT.x0 + RECT.x1) >> 1)]).toBe(0);
  });
});

it('a removal model is not taken for a subject model', async () => {
  const { inputs, outputs } = await open(miganShaped());
  expect(recogniseModel(inputs, outputs)).toEqual({ task: 'remove', kind: 'migan' });
});

/** What the generated-model tests share: the models written once per test file, and small helpers to open and compare them. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, vi } from 'vitest';
import { writeTestModels } from './index';

export type Ort = typeof ortNode;
export type Session = ortNode.InferenceSession;
export const runtimes: [string, Ort][] = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web (wasm)', ortWeb as unknown as Ort],
];

export const nodeSession = (path: string) => ortNode.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });

let dir = '';
/** Writes the test models into a temporary folder for this file's tests (and removes it after). */
export function withTestModels() {
  // The machines running this are shared: generous limits, one thread per session.
  vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
  beforeAll(() => {
    ortWeb.env.wasm.numThreads = 1;
    dir = mkdtempSync(join(tmpdir(), 'test-models-'));
    writeTestModels(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}

/** A path in the generated models' folder. */
export const modelPath = (...parts: string[]) => join(dir, ...parts);
export const file = (path: string) => new Uint8Array(readFileSync(modelPath(path)));
export const open = (ort: Ort, path: string) => (ort === ortNode ? nodeSession(modelPath(path)) : ort.InferenceSession.create(file(path), { executionProviders: ['wasm'] }));
export const f32 = (ort: Ort, data: ArrayLike<number>, dims: number[]) => new ort.Tensor('float32', Float32Array.from(data), dims);
export const contract = (s: Session) => ({
  inputs: s.inputMetadata.map((m) => (m.isTensor ? [m.name, m.type, m.shape] : [m.name])),
  outputs: s.outputMetadata.map((m) => (m.isTensor ? [m.name, m.type, m.shape] : [m.name])),
});
export const data = (t: ortNode.Tensor) => t.data as Float32Array;
/** Element-wise equality of big arrays (expect's deep equality is slow on them). */
export const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => x === b[i]);

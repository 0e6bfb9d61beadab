/**
 * The local diffusion pipeline (src/engines/local/diffusion) run end to end on the tiny
 * generated folders with onnxruntime-node: the same stage code the worker runs on
 * onnxruntime-web. The tiny UNet is an exact noise predictor of a target (README.md), so a
 * correct pipeline paints the hole in the target's colour and keeps the rest.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createImage } from '../../src/image/rgba';
import { ortStages, type StageName } from '../../src/engines/local/diffusion/ortStages';
import { runDiffusion, type DiffusionRequest } from '../../src/engines/local/diffusion/pipeline';
import { ClipTokenizer } from '../../src/engines/local/diffusion/tokenizer';
import { Scratch } from '../../src/engines/local/scratch';
import { writeTestModels } from './index';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  writeTestModels(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (folder: string, path: string) => readFileSync(join(dir, folder, path), 'utf8');

/** The folder's stages on onnxruntime-node; with `fp32`, a stage can switch to its `model_fp32.onnx` as the worker's does. */
async function stagesOf(folder: string, { fp32 = false } = {}) {
  const sessions = new Map<StageName, ort.InferenceSession>();
  const opened: string[] = [];
  const switched = new Set<StageName>();
  return {
    opened,
    stages: await ortStages(ort as never, {
      async session(stage) {
        if (!sessions.has(stage)) {
          const graph = `${stage}/${switched.has(stage) ? 'model_fp32' : 'model'}.onnx`;
          opened.push(graph);
          sessions.set(stage, await ort.InferenceSession.create(join(dir, folder, graph), { intraOpNumThreads: 1 }));
        }
        return sessions.get(stage)! as never;
      },
      async done() {},
      useFp32: fp32
        ? async (stage) => {
            if (switched.has(stage) || !existsSync(join(dir, folder, stage, 'model_fp32.onnx'))) return false;
            switched.add(stage);
            sessions.delete(stage);
            return true;
          }
        : undefined,
    }),
  };
}

/** A 64x64 grey photo with a square hole in the middle. */
function job(folder: string, change: Partial<DiffusionRequest> = {}): DiffusionRequest {
  const image = createImage(64, 64);
  image.data.fill(128);
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
  const mask = { width: 64, height: 64, data: new Uint8Array(64 * 64) };
  for (let y = 16; y < 48; y++) mask.data.fill(255, y * 64 + 16, y * 64 + 48);
  return {
    image,
    mask,
    prompt: 'a red door',
    negativePrompt: '',
    steps: 4,
    strength: 1,
    guidanceScale: 7.5,
    scheduler: 'euler',
    seed: 42,
    schedulerConfig: JSON.parse(text(folder, 'scheduler/scheduler_config.json')),
    tokenizer: ClipTokenizer.fromFiles(text(folder, 'tokenizer/vocab.json'), text(folder, 'tokenizer/merges.txt')),
    scalingFactor: 0.18215,
    ...change,
  };
}

const signal = new AbortController().signal;
const pixel = (image: { data: Uint8ClampedArray; width: number }, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));

describe('local diffusion pipeline on the tiny folders', () => {
  it('runs a 9-channel inpainting UNet: steps reported, the hole repainted, the same seed giving the same bytes', async () => {
    const { stages } = await stagesOf('sd-inpaint');
    expect(stages.unetChannels).toBe(9);
    const steps: number[] = [];
    const first = await runDiffusion(job('sd-inpaint'), stages, { signal, onStep: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(pixel(first.image, 32, 32)).not.toEqual([128, 128, 128]);
    const again = await runDiffusion(job('sd-inpaint'), stages, { signal });
    expect(Buffer.from(again.image.data).equals(Buffer.from(first.image.data))).toBe(true);
    // DDIM in two steps keeps some of the start noise: the seed shows.
    const other = await runDiffusion(job('sd-inpaint', { seed: 43, scheduler: 'ddim', steps: 2 }), stages, { signal });
    const seeded = await runDiffusion(job('sd-inpaint', { scheduler: 'ddim', steps: 2 }), stages, { signal });
    expect(Buffer.from(other.image.data).equals(Buffer.from(seeded.image.data))).toBe(false);
  });

  it('runs only the share of steps the strength asks for', async () => {
    const { stages } = await stagesOf('sd-inpaint');
    const steps: number[] = [];
    await runDiffusion(job('sd-inpaint', { steps: 10, strength: 0.3 }), stages, { signal, onStep: (p) => steps.push(p.steps) });
    expect(steps).toEqual([3, 3, 3]);
    await expect(runDiffusion(job('sd-inpaint', { steps: 2, strength: 0.2 }), stages, { signal })).rejects.toThrow(/strength|steps/i);
  });

  it('changes the result with the negative prompt and the guidance', async () => {
    const { stages } = await stagesOf('sd-inpaint');
    const base = await runDiffusion(job('sd-inpaint'), stages, { signal });
    const negative = await runDiffusion(job('sd-inpaint', { negativePrompt: 'blue' }), stages, { signal });
    const noGuidance = await runDiffusion(job('sd-inpaint', { guidanceScale: 1 }), stages, { signal });
    expect(Buffer.from(negative.image.data).equals(Buffer.from(base.image.data))).toBe(false);
    expect(Buffer.from(noGuidance.image.data).equals(Buffer.from(base.image.data))).toBe(false);
  });

  it('inpaints with a 4-channel UNet (SD-Turbo-shaped, int64 timestep, latent_parameters) by blending latents', async () => {
    const { stages } = await stagesOf('sd-turbo');
    expect(stages.unetChannels).toBe(4);
    const result = await runDiffusion(job('sd-turbo', { steps: 1, guidanceScale: 0, scheduler: 'euler' }), stages, { signal });
    // Outside the mask the latents were pasted back: the grey survives the VAE round trip.
    expect(pixel(result.image, 2, 2).every((v) => Math.abs(v - 128) <= 2)).toBe(true);
    expect(pixel(result.image, 32, 32)).not.toEqual(pixel(result.image, 2, 2));
  });

  it('gives the same bytes with the buffers the worker keeps from run to run as with fresh ones', async () => {
    const bytes = (result: { image: { data: Uint8ClampedArray } }) => Buffer.from(result.image.data);
    for (const [folder, change] of [
      ['sd-inpaint', { scheduler: 'euler-a' }],
      ['sd-inpaint', { strength: 0.6, steps: 5 }],
      ['sd-turbo', { steps: 2, guidanceScale: 0 }],
    ] as const) {
      const { stages } = await stagesOf(folder);
      const kept = new Scratch();
      // A run of another seed first leaves its values in the kept buffers.
      await runDiffusion(job(folder, { ...change, seed: 7, scratch: kept }), stages, { signal });
      const reused = await runDiffusion(job(folder, { ...change, scratch: kept }), stages, { signal });
      const fresh = await runDiffusion(job(folder, change), stages, { signal });
      expect(bytes(reused).equals(bytes(fresh))).toBe(true);
    }
  });

  it('stops between steps when cancelled', async () => {
    const { stages } = await stagesOf('sd-inpaint');
    const controller = new AbortController();
    const run = runDiffusion(job('sd-inpaint', { steps: 20 }), stages, { signal: controller.signal, onStep: (p) => p.step === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('says when a prompt was cut at 77 tokens', async () => {
    const { stages } = await stagesOf('sd-inpaint');
    const long = Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ');
    expect((await runDiffusion(job('sd-inpaint', { prompt: long, steps: 1 }), stages, { signal })).truncated).toBe(true);
  });

  it('retries an fp16 UNet that gives infinity once with the fp32 UNet of the folder, and keeps it; says what is missing when there is none', async () => {
    const { stages, opened } = await stagesOf('sd-inpaint-fp16-overflow', { fp32: true });
    const steps: number[] = [];
    const result = await runDiffusion(job('sd-inpaint-fp16-overflow'), stages, { signal, onStep: (p) => steps.push(p.step) });
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(opened.filter((graph) => graph.startsWith('unet/'))).toEqual(['unet/model.onnx', 'unet/model_fp32.onnx']);
    // The fp32 UNet is the fp16 one without the overflow: the hole takes the prompt's colour as in sd-inpaint-fp16.
    const reference = await runDiffusion(job('sd-inpaint-fp16'), (await stagesOf('sd-inpaint-fp16')).stages, { signal });
    const centre = pixel(result.image, 32, 32);
    pixel(reference.image, 32, 32).forEach((v, c) => expect(Math.abs(v - centre[c])).toBeLessThanOrEqual(2));

    const { stages: noFallback } = await stagesOf('sd-inpaint-fp16-overflow');
    await expect(runDiffusion(job('sd-inpaint-fp16-overflow'), noFallback, { signal })).rejects.toThrow(
      'The UNet (fp16) produced invalid numbers (infinity) and the folder has no fp32 UNet (unet/model_fp32.onnx) to retry with',
    );
  });
});

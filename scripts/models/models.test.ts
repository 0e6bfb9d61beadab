/**
 * The generated test models keep the real models' contract and behave as README.md says, on
 * onnxruntime-node and (removers, segmentation, the external-data UNet) on onnxruntime-web's
 * wasm backend in Node.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LATENT_TO_RGB, LOGVAR, RGB_TO_LATENT, SCALING_FACTOR, VARIANTS, alphasCumprod, promptProjection, textTable, TEXT_ROWS, type DiffusionVariant } from './diffusion';
import { fromHalfBits, toHalfBits } from './graph';
import { sha256, writeTestModels, type ManifestEntry } from './index';
import { SAM_LOGIT_SCALE, U2NETP_OUTPUTS } from './segmentation';

type Ort = typeof ortNode;
type Session = ortNode.InferenceSession;
const runtimes: [string, Ort][] = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web (wasm)', ortWeb as unknown as Ort],
];

// The machines running this are shared: generous limits, one thread per session.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
const nodeSession = (path: string) => ortNode.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });

let dir = '';
beforeAll(() => {
  ortWeb.env.wasm.numThreads = 1;
  dir = mkdtempSync(join(tmpdir(), 'test-models-'));
  writeTestModels(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (path: string) => new Uint8Array(readFileSync(join(dir, path)));
const open = (ort: Ort, path: string) => (ort === ortNode ? nodeSession(join(dir, path)) : ort.InferenceSession.create(file(path), { executionProviders: ['wasm'] }));
const f32 = (ort: Ort, data: ArrayLike<number>, dims: number[]) => new ort.Tensor('float32', Float32Array.from(data), dims);
const contract = (s: Session) => ({
  inputs: s.inputMetadata.map((m) => (m.isTensor ? [m.name, m.type, m.shape] : [m.name])),
  outputs: s.outputMetadata.map((m) => (m.isTensor ? [m.name, m.type, m.shape] : [m.name])),
});
const data = (t: ortNode.Tensor) => t.data as Float32Array;
/** Element-wise equality of big arrays (expect's deep equality is slow on them). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => x === b[i]);

describe('generate', () => {
  it('writes every file with a manifest of sizes and SHA-256, and leaves up-to-date files alone', () => {
    const listed: ManifestEntry[] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files;
    expect(listed.map((f) => f.path)).toContain('sd-inpaint/unet/model.onnx_data');
    for (const entry of listed) {
      const bytes = file(entry.path);
      expect(bytes.length).toBe(entry.bytes);
      expect(sha256(bytes)).toBe(entry.sha256);
    }
    expect(writeTestModels(dir)).toEqual({ written: [], unchanged: listed.length + 1, removed: [] });
  });
});

describe.each(runtimes)('removers on %s', (_, ort) => {
  it('MI-GAN-shaped fills the hole (mask 0) with (40, 200, 90) and keeps the rest, at any size', async () => {
    const s = await open(ort, 'migan_pipeline_v2.onnx');
    expect(contract(s)).toEqual({
      inputs: [
        ['image', 'uint8', ['batch', 3, 'height', 'width']],
        ['mask', 'uint8', ['batch', 1, 'height', 'width']],
      ],
      outputs: [['result', 'uint8', ['batch', 3, 'height', 'width']]],
    });
    const [h, w] = [24, 40];
    const image = Uint8Array.from({ length: 3 * h * w }, (_, i) => i % 251);
    const mask = new Uint8Array(h * w).fill(255);
    mask[5 * w + 7] = 0;
    const r = await s.run({ image: new ort.Tensor('uint8', image, [1, 3, h, w]), mask: new ort.Tensor('uint8', mask, [1, 1, h, w]) });
    const out = r.result.data as Uint8Array;
    expect(r.result.dims).toEqual([1, 3, h, w]);
    const hole = 5 * w + 7;
    expect([out[hole], out[h * w + hole], out[2 * h * w + hole]]).toEqual([40, 200, 90]);
    out[hole] = image[hole];
    out[h * w + hole] = image[h * w + hole];
    out[2 * h * w + hole] = image[2 * h * w + hole];
    expect(same(out, image)).toBe(true);
  });

  it('LaMa-shaped: 512 only, [0,1] in, [0,255] out, the hole (mask 1) is (200, 60, 120)', async () => {
    const s = await open(ort, 'lama_fp32.onnx');
    expect(contract(s)).toEqual({
      inputs: [
        ['image', 'float32', [1, 3, 512, 512]],
        ['mask', 'float32', [1, 1, 512, 512]],
      ],
      outputs: [['output', 'float32', [1, 3, 512, 512]]],
    });
    const n = 512 * 512;
    const mask = new Float32Array(n);
    mask[100] = 1;
    const r = await s.run({ image: f32(ort, new Float32Array(3 * n).fill(0.5), [1, 3, 512, 512]), mask: f32(ort, mask, [1, 1, 512, 512]) });
    const out = data(r.output);
    expect([out[100], out[n + 100], out[2 * n + 100]]).toEqual([200, 60, 120]);
    expect([out[101], out[n + 101], out[2 * n + 101]]).toEqual([127.5, 127.5, 127.5]);
  });
});

/** A dark grey image (60) with a bright (230) square [top, top + size) x [left, left + size), planar RGB 0-255. */
function squareImage(side: number, top: number, left: number, size: number): Float32Array {
  const px = new Float32Array(3 * side * side).fill(60);
  for (let c = 0; c < 3; c++) for (let y = top; y < top + size; y++) px.fill(230, c * side * side + y * side + left, c * side * side + y * side + left + size);
  return px;
}

describe.each(runtimes)('segmentation on %s', (_, ort) => {
  it('ISNet-shaped: x/255 - 0.5 at 1024, 12 outputs, output 0 a sigmoid map of the bright square', async () => {
    const s = await open(ort, 'isnet-general-use.onnx');
    const c = contract(s);
    expect(c.inputs).toEqual([['input_image', 'float32', [1, 3, 1024, 1024]]]);
    expect(c.outputs).toHaveLength(12);
    expect(c.outputs[0]).toEqual(['output_image', 'float32', [1, 1, 1024, 1024]]);
    const input = squareImage(1024, 256, 512, 256).map((v) => v / 255 - 0.5);
    const r = await s.run({ input_image: f32(ort, input, [1, 3, 1024, 1024]) });
    const map = data(r[s.outputNames[0]]);
    expect(map[300 * 1024 + 600]).toBeGreaterThan(0.99);
    expect(map[100 * 1024 + 100]).toBeLessThan(0.01);
    expect(map[300 * 1024 + 500]).toBeLessThan(0.01);
  });

  it('U-2-Netp-shaped: ImageNet-normalised at 320, 7 sigmoid maps, output 0 the bright square', async () => {
    const s = await open(ort, 'u2netp.onnx');
    const c = contract(s);
    expect(c.inputs).toEqual([['input.1', 'float32', [1, 3, 320, 320]]]);
    expect(c.outputs).toEqual(U2NETP_OUTPUTS.map((name) => [name, 'float32', [1, 1, 320, 320]]));
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const raw = squareImage(320, 40, 200, 80);
    const input = raw.map((v, i) => (v / 255 - mean[Math.floor(i / (320 * 320))]) / std[Math.floor(i / (320 * 320))]);
    const r = await s.run({ 'input.1': f32(ort, input, [1, 3, 320, 320]) });
    const map = data(r[s.outputNames[0]]);
    expect(map[60 * 320 + 240]).toBeGreaterThan(0.99);
    expect(map[200 * 320 + 100]).toBeLessThan(0.01);
    const softer = data(r[s.outputNames[6]]);
    expect(softer[60 * 320 + 240]).toBeGreaterThan(0.5);
    expect(softer[60 * 320 + 240]).toBeLessThan(map[60 * 320 + 240]);
  });

  it('MobileSAM encoder-shaped: [h, w, 3] 0-255 with the longest side 1024 -> [1,256,64,64], the padding 0', async () => {
    const s = await open(ort, 'mobile_sam_image_encoder.onnx');
    expect(contract(s)).toEqual({
      inputs: [['input_image', 'float32', ['image_height', 'image_width', 3]]],
      outputs: [['image_embeddings', 'float32', [1, 256, 64, 64]]],
    });
    const embed = async (h: number, w: number, value: number) => {
      const r = await s.run({ input_image: f32(ort, new Float32Array(h * w * 3).fill(value), [h, w, 3]) });
      expect(r.image_embeddings.dims).toEqual([1, 256, 64, 64]);
      return data(r.image_embeddings);
    };
    const dark = await embed(512, 1024, 0);
    const light = await embed(512, 1024, 255);
    expect(dark[10 * 64 + 10]).not.toBeCloseTo(light[10 * 64 + 10], 2);
    // Rows 32-63 are padding: 0 once normalised.
    expect(dark[50 * 64 + 10]).toBe(0);
    expect(light[50 * 64 + 10]).toBe(0);
    const portrait = await embed(1024, 683, 255);
    expect(portrait[10 * 64 + 10]).toBeCloseTo(light[10 * 64 + 10], 4);
    expect(portrait[10 * 64 + 60]).toBe(0);
  });

  describe('SAM decoder-shaped', () => {
    let s: Session;
    beforeAll(async () => {
      s = await open(ort, 'sam_mask_decoder_single.onnx');
    });
    const [H, W] = [600, 800];
    const scale = 1024 / Math.max(H, W);
    const decode = async (points: [number, number, number][], mask?: Float32Array, size: [number, number] = [H, W]) => {
      const k = 1024 / Math.max(...size);
      const r = await s.run({
        image_embeddings: f32(ort, new Float32Array(256 * 64 * 64), [1, 256, 64, 64]),
        point_coords: f32(ort, points.flatMap(([x, y]) => [x * k, y * k]), [1, points.length, 2]),
        point_labels: f32(ort, points.map((p) => p[2]), [1, points.length]),
        mask_input: f32(ort, mask ?? new Float32Array(256 * 256), [1, 1, 256, 256]),
        has_mask_input: f32(ort, [mask ? 1 : 0], [1]),
        orig_im_size: f32(ort, size, [2]),
      });
      return { masks: data(r.masks), dims: r.masks.dims, iou: data(r.iou_predictions), iouDims: r.iou_predictions.dims, low: data(r.low_res_masks), lowDims: r.low_res_masks.dims };
    };
    const inside = (m: Float32Array, x: number, y: number, w = W) => m[y * w + x] > 0;

    it("has Meta's decoder contract", () => {
      expect(contract(s)).toEqual({
        inputs: [
          ['image_embeddings', 'float32', [1, 256, 64, 64]],
          ['point_coords', 'float32', [1, 'num_points', 2]],
          ['point_labels', 'float32', [1, 'num_points']],
          ['mask_input', 'float32', [1, 1, 256, 256]],
          ['has_mask_input', 'float32', [1]],
          ['orig_im_size', 'float32', [2]],
        ],
        outputs: [
          ['masks', 'float32', [1, 1, 'orig_height', 'orig_width']],
          ['iou_predictions', 'float32', [1, 1]],
          ['low_res_masks', 'float32', [1, 1, 256, 256]],
        ],
      });
    });

    it('gives a disc of radius 0.15 x max(H, W) around a positive click, at the original size', async () => {
      const r = await decode([
        [400, 300, 1],
        [0, 0, -1],
      ]);
      expect(r.dims).toEqual([1, 1, H, W]);
      expect(r.lowDims).toEqual([1, 1, 256, 256]);
      expect(r.iouDims).toEqual([1, 1]);
      expect(r.iou[0]).toBeGreaterThan(0.8);
      const radius = 0.15 * W;
      for (const [dx, dy] of [[1, 0], [0, 1], [-1, 0], [0.6, -0.8]]) {
        expect(inside(r.masks, Math.round(400 + dx * (radius - 4)), Math.round(300 + dy * (radius - 4)))).toBe(true);
        expect(inside(r.masks, Math.round(400 + dx * (radius + 4)), Math.round(300 + dy * (radius + 4)))).toBe(false);
      }
      // The low-res mask is in the padded 1024 frame (256 cells of 4 px).
      expect(r.low[Math.floor((300 * scale) / 4) * 256 + Math.floor((400 * scale) / 4)]).toBeCloseTo(SAM_LOGIT_SCALE, 0);
    });

    it('cuts a disc around a negative click, and the pad point changes nothing', async () => {
      const cut = await decode([
        [400, 300, 1],
        [520, 300, 0],
        [0, 0, -1],
      ]);
      expect(inside(cut.masks, 340, 300)).toBe(true);
      expect(inside(cut.masks, 420, 300)).toBe(false);
      expect(inside(cut.masks, 400, 200)).toBe(true);
      const noPad = await decode([
        [400, 300, 1],
        [520, 300, 0],
      ]);
      expect(same(noPad.masks, cut.masks)).toBe(true);
      expect(same(noPad.low, cut.low)).toBe(true);
    });

    it('unites the fed-back mask (has_mask_input 1) with the clicks, and ignores it otherwise', async () => {
      const first = await decode([
        [150, 150, 1],
        [0, 0, -1],
      ]);
      const next = await decode(
        [
          [600, 400, 1],
          [0, 0, -1],
        ],
        first.low,
      );
      expect(inside(next.masks, 150, 150)).toBe(true);
      expect(inside(next.masks, 600, 400)).toBe(true);
      const without = await decode([
        [600, 400, 1],
        [0, 0, -1],
      ]);
      expect(inside(without.masks, 150, 150)).toBe(false);
      const none = await decode([[0, 0, -1]]);
      expect(none.masks.every((v) => v < 0)).toBe(true);
      expect(none.iou[0]).toBeLessThan(0.01);
    });

    it('works for any photo size (portrait 900 x 500)', async () => {
      const r = await decode(
        [
          [250, 450, 1],
          [0, 0, -1],
        ],
        undefined,
        [900, 500],
      );
      expect(r.dims).toEqual([1, 1, 900, 500]);
      expect(inside(r.masks, 250, 450 + 125, 500)).toBe(true);
      expect(inside(r.masks, 250, 450 + 145, 500)).toBe(false);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Stable Diffusion folders

const CAT = [49406, 320, 1125, 539, 320, 2368, 49407];
const ids = (tokens: number[]) => Int32Array.from({ length: 77 }, (_, i) => tokens[i] ?? 49407);
const EMPTY = [49406, 49407];

/** The scaled latent (4) the UNet aims at for a prompt: the sum of its tokens' rows @ projection. */
function promptLatent(hidden: number, tokens: number[]): number[] {
  const table = textTable(hidden);
  const proj = promptProjection(hidden);
  const out = [0, 0, 0, 0];
  for (const id of ids(tokens)) for (let k = 0; k < hidden; k++) for (let j = 0; j < 4; j++) out[j] += table[(id % TEXT_ROWS) * hidden + k] * proj[k * 4 + j];
  return out;
}

/** A float tensor in the stage's dtype; values read back as numbers. */
const floats = (v: DiffusionVariant, values: ArrayLike<number>, dims: number[]) =>
  v.float16 ? new ortNode.Tensor('float16', Uint16Array.from(Array.from(values, toHalfBits)), dims) : new ortNode.Tensor('float32', Float32Array.from(values), dims);
const numbers = (t: ortNode.Tensor): Float32Array => (t.type === 'float16' ? Float32Array.from(t.data as Uint16Array, fromHalfBits) : (t.data as Float32Array));
const timestep = (v: DiffusionVariant, t: number[]) =>
  v.timestep === 'int64' ? new ortNode.Tensor('int64', BigInt64Array.from(t.map(BigInt)), [t.length]) : floats(v, t, [t.length]);

describe.each(VARIANTS.filter((v) => !v.overflow))('diffusion folder $folder', (v) => {
  const sessions: Record<string, Session> = {};
  const path = (p: string) => join(dir, v.folder, p);
  const json = (p: string) => JSON.parse(readFileSync(path(p), 'utf8'));
  beforeAll(async () => {
    for (const stage of ['text_encoder', 'unet', 'vae_encoder', 'vae_decoder']) sessions[stage] = await nodeSession(path(`${stage}/model.onnx`));
  });
  const F = v.float16 ? 'float16' : 'float32';
  const latentName = v.vaeOutput;

  it('has the diffusers files: model_index, scheduler config, tokenizer', () => {
    const index = json('model_index.json');
    expect(index._class_name).toBe(v.pipeline);
    expect(index.unet).toEqual(['diffusers', 'OnnxRuntimeModel']);
    expect(index.tokenizer).toEqual(['transformers', 'CLIPTokenizer']);
    if (v.folder === 'sd-turbo') expect(index._name_or_path).toContain('sd-turbo');
    const scheduler = json('scheduler/scheduler_config.json');
    expect(scheduler).toMatchObject({ beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, prediction_type: 'epsilon', set_alpha_to_one: false, steps_offset: 1 });
    expect(scheduler.timestep_spacing).toBe(v.folder === 'sd-turbo' ? 'trailing' : 'leading');
    expect(Object.keys(json('tokenizer/vocab.json'))).toHaveLength(49408);
    expect(readFileSync(path('tokenizer/merges.txt'), 'utf8').length).toBeGreaterThan(100000);
    expect(json('vae_decoder/config.json').scaling_factor).toBe(SCALING_FACTOR);
    expect(json('unet/config.json').in_channels).toBe(v.channels);
  });

  it('has the real names, dtypes and ranks', () => {
    expect(contract(sessions.text_encoder)).toEqual({
      inputs: [['input_ids', 'int32', ['batch_size', 'sequence_length']]],
      outputs: [
        ['last_hidden_state', F, ['batch_size', 'sequence_length', v.hidden]],
        ['pooler_output', F, ['batch_size', v.hidden]],
      ],
    });
    expect(contract(sessions.vae_encoder)).toEqual({
      inputs: [['sample', F, ['batch_size', 3, 'height', 'width']]],
      outputs: [[latentName, F, ['batch_size', latentName === 'latent_parameters' ? 8 : 4, 'height_latent', 'width_latent']]],
    });
    expect(contract(sessions.vae_decoder)).toEqual({
      inputs: [['latent_sample', F, ['batch_size', 4, 'height_latent', 'width_latent']]],
      outputs: [['sample', F, ['batch_size', 3, 'height', 'width']]],
    });
    expect(contract(sessions.unet)).toEqual({
      inputs: [
        ['sample', F, ['batch_size', v.channels, 'height', 'width']],
        ['timestep', v.timestep, ['steps']],
        ['encoder_hidden_states', F, ['batch_size', 'sequence_length', v.hidden]],
      ],
      outputs: [['out_sample', F, ['batch_size', 4, 'height', 'width']]],
    });
  });

  it('gives the 512 x 512 shapes, and decode(encode(x)) is x (blurred)', async () => {
    const text = await sessions.text_encoder.run({ input_ids: new ortNode.Tensor('int32', Int32Array.from([...ids(CAT), ...ids(EMPTY)]), [2, 77]) });
    expect(text.last_hidden_state.dims).toEqual([2, 77, v.hidden]);
    expect(text.pooler_output.dims).toEqual([2, v.hidden]);
    const states = numbers(text.last_hidden_state);
    expect(states.slice(77 * v.hidden).every((x) => x === 0)).toBe(true);
    expect(states.slice(v.hidden, 2 * v.hidden).some((x) => x !== 0)).toBe(true);

    const n = 512 * 512;
    const colour = [0.6, -0.2, 0.1];
    const image = Float32Array.from({ length: 3 * n }, (_, i) => colour[Math.floor(i / n)]);
    const enc = await sessions.vae_encoder.run({ sample: floats(v, image, [1, 3, 512, 512]) });
    const latent = enc[latentName];
    expect(latent.dims).toEqual([1, latentName === 'latent_parameters' ? 8 : 4, 64, 64]);
    const lat = numbers(latent);
    if (latentName === 'latent_parameters') expect(lat[4 * 4096]).toBe(LOGVAR);
    const expected = RGB_TO_LATENT.map((row) => row.reduce((acc, w, c) => acc + w * colour[c], 0) / SCALING_FACTOR);
    for (let c = 0; c < 4; c++) expect(lat[c * 4096 + 100]).toBeCloseTo(expected[c], v.float16 ? 1 : 4);
    const dec = await sessions.vae_decoder.run({ latent_sample: floats(v, lat.slice(0, 4 * 4096), [1, 4, 64, 64]) });
    expect(dec.sample.dims).toEqual([1, 3, 512, 512]);
    const rgb = numbers(dec.sample);
    for (let c = 0; c < 3; c++) expect(rgb[c * n + 1000]).toBeCloseTo(colour[c], 2);
  });

  it('UNet output depends on the prompt, the timestep and (9 channels) the mask', async () => {
    const cat = await sessions.text_encoder.run({ input_ids: new ortNode.Tensor('int32', ids(CAT), [1, 77]) });
    const empty = await sessions.text_encoder.run({ input_ids: new ortNode.Tensor('int32', ids(EMPTY), [1, 77]) });
    const hw = 64 * 64;
    const sample = Float32Array.from({ length: v.channels * hw }, (_, i) => Math.sin(i * 0.37));
    if (v.channels === 9) sample.fill(1, 4 * hw, 4.5 * hw);
    const run = async (states: ortNode.Tensor, t: number, s = sample) =>
      numbers((await sessions.unet.run({ sample: floats(v, s, [1, v.channels, 64, 64]), timestep: timestep(v, [t]), encoder_hidden_states: states })).out_sample);
    const base = await run(cat.last_hidden_state, 500);
    expect(base).toHaveLength(4 * hw);
    expect(base.every(Number.isFinite)).toBe(true);
    expect(same(await run(empty.last_hidden_state, 500), base)).toBe(false);
    expect(same(await run(cat.last_hidden_state, 100), base)).toBe(false);
    if (v.channels === 9) {
      const masked = sample.slice();
      masked.fill(0, 4 * hw, 5 * hw);
      expect(same(await run(cat.last_hidden_state, 500, masked), base)).toBe(false);
    }
  });

  it('UNet weights live in model.onnx_data: loaded next to the model, or from bytes with externalData', async () => {
    const model = file(`${v.folder}/unet/model.onnx`);
    const weights = file(`${v.folder}/unet/model.onnx_data`);
    expect(model.length).toBeLessThan(4096);
    expect(weights.length).toBeGreaterThan(1000 * (v.float16 ? 2 : 4) * 2);
    expect(new TextDecoder().decode(model)).toContain('model.onnx_data');
    await expect(ortWeb.InferenceSession.create(model, { executionProviders: ['wasm'] })).rejects.toThrow();
    const web = await ortWeb.InferenceSession.create(model, { executionProviders: ['wasm'], externalData: [{ path: 'model.onnx_data', data: weights }] });
    expect(web.inputNames).toEqual(['sample', 'timestep', 'encoder_hidden_states']);
    await web.release();
  });
});

describe('diffusion folder sd-inpaint-fp16-overflow', () => {
  const v = VARIANTS.find((variant) => variant.overflow)!;
  const path = (p: string) => join(dir, v.folder, p);

  it('has an fp16 UNet whose output overflows to infinity, and the same UNet in fp32 beside it (model_fp32.onnx) giving finite numbers', async () => {
    const text = await nodeSession(path('text_encoder/model.onnx'));
    const states = (await text.run({ input_ids: new ortNode.Tensor('int32', ids(CAT), [1, 77]) })).last_hidden_state;
    const hw = 64 * 64;
    const sample = Float32Array.from({ length: 9 * hw }, (_, i) => Math.sin(i * 0.37));
    const half = await nodeSession(path('unet/model.onnx'));
    const overflowed = numbers((await half.run({ sample: floats(v, sample, [1, 9, 64, 64]), timestep: timestep(v, [500]), encoder_hidden_states: states })).out_sample);
    expect(overflowed.some((x) => x === Infinity || x === -Infinity)).toBe(true);

    const model = file(`${v.folder}/unet/model_fp32.onnx`);
    expect(new TextDecoder().decode(model)).toContain('model_fp32.onnx_data');
    const full = await ortWeb.InferenceSession.create(model, { executionProviders: ['wasm'], externalData: [{ path: 'model_fp32.onnx_data', data: file(`${v.folder}/unet/model_fp32.onnx_data`) }] });
    expect(full.inputMetadata.map((m) => (m.isTensor ? m.type : ''))).toEqual(['float32', 'float32', 'float32']);
    const states32 = new ortWeb.Tensor('float32', numbers(states), [1, 77, v.hidden]);
    const out = (await full.run({ sample: new ortWeb.Tensor('float32', sample, [1, 9, 64, 64]), timestep: new ortWeb.Tensor('float32', Float32Array.of(500), [1]), encoder_hidden_states: states32 })).out_sample;
    expect((out.data as Float32Array).every(Number.isFinite)).toBe(true);
    await full.release();
  });
});

describe('a whole inpainting run on the tiny models', () => {
  /** Mean of channel c of planar [3, side, side] data over a square. */
  const mean = (x: Float32Array, side: number, c: number, y0: number, x0: number, size: number) => {
    let sum = 0;
    for (let y = y0; y < y0 + size; y++) for (let i = x0; i < x0 + size; i++) sum += x[c * side * side + y * side + i];
    return sum / size / size;
  };

  it('sd-inpaint, DDIM 3 steps, CFG 7.5: the hole takes the prompt colour, the rest stays', async () => {
    const folder = join(dir, 'sd-inpaint');
    const open32 = (stage: string) => nodeSession(join(folder, stage, 'model.onnx'));
    const [text, vaeEnc, unet, vaeDec] = await Promise.all(['text_encoder', 'vae_encoder', 'unet', 'vae_decoder'].map(open32));
    const n = 512 * 512;
    const colour = [0.2, 0.4, -0.3];
    const inHole = (i: number) => {
      const y = Math.floor((i % n) / 512);
      const x = i % 512;
      return y >= 192 && y < 320 && x >= 192 && x < 320;
    };
    const masked = Float32Array.from({ length: 3 * n }, (_, i) => (inHole(i) ? 0 : colour[Math.floor(i / n)]));
    const maskedLatents = numbers((await vaeEnc.run({ sample: new ortNode.Tensor('float32', masked, [1, 3, 512, 512]) })).latent_sample).map((x) => x * SCALING_FACTOR);
    const hw = 64 * 64;
    const latentMask = Float32Array.from({ length: hw }, (_, i) => (inHole(Math.floor(i / 64) * 8 * 512 + (i % 64) * 8) ? 1 : 0));
    const states = (await text.run({ input_ids: new ortNode.Tensor('int32', Int32Array.from([...ids(EMPTY), ...ids(CAT)]), [2, 77]) })).last_hidden_state;

    const ac = alphasCumprod();
    const guidance = 7.5;
    const timesteps = [667, 334, 1];
    let seed = 1;
    const gauss = () => {
      seed = (seed * 16807) % 2147483647;
      const u = seed / 2147483647;
      seed = (seed * 16807) % 2147483647;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * (seed / 2147483647));
    };
    let latents = Float32Array.from({ length: 4 * hw }, gauss);
    for (const [i, t] of timesteps.entries()) {
      const one = new Float32Array(9 * hw);
      one.set(latents, 0);
      one.set(latentMask, 4 * hw);
      one.set(maskedLatents, 5 * hw);
      const batch = new Float32Array(18 * hw);
      batch.set(one, 0);
      batch.set(one, 9 * hw);
      const eps2 = numbers((await unet.run({ sample: new ortNode.Tensor('float32', batch, [2, 9, 64, 64]), timestep: new ortNode.Tensor('float32', Float32Array.from([t]), [1]), encoder_hidden_states: states })).out_sample);
      const a = ac[t];
      const aPrev = i + 1 < timesteps.length ? ac[timesteps[i + 1]] : ac[0];
      latents = latents.map((x, j) => {
        const eps = eps2[j] + guidance * (eps2[4 * hw + j] - eps2[j]);
        const x0 = (x - Math.sqrt(1 - a) * eps) / Math.sqrt(a);
        return Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps;
      });
    }
    const image = numbers((await vaeDec.run({ latent_sample: new ortNode.Tensor('float32', latents.map((x) => x / SCALING_FACTOR), [1, 4, 64, 64]) })).sample);
    const target = promptLatent(768, CAT).map((x) => guidance * x);
    const expected = LATENT_TO_RGB.map((row) => row.reduce((acc, w, k) => acc + w * target[k], 0));
    for (let c = 0; c < 3; c++) {
      expect(mean(image, 512, c, 216, 216, 80)).toBeCloseTo(expected[c], 1);
      expect(mean(image, 512, c, 16, 16, 80)).toBeCloseTo(colour[c], 1);
    }
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('sd-turbo, one Euler step (t = 999, sigma 14.6146): the latents become the prompt latent', async () => {
    const folder = join(dir, 'sd-turbo');
    const text = await nodeSession(join(folder, 'text_encoder/model.onnx'));
    const unet = await nodeSession(join(folder, 'unet/model.onnx'));
    const states = (await text.run({ input_ids: new ortNode.Tensor('int32', ids(CAT), [1, 77]) })).last_hidden_state;
    const ac = alphasCumprod();
    const sigma = Math.sqrt((1 - ac[999]) / ac[999]);
    expect(sigma).toBeCloseTo(14.6146, 3);
    const hw = 64 * 64;
    const noise = Float32Array.from({ length: 4 * hw }, (_, i) => Math.sin(i * 1.7) * 1.3);
    const x = noise.map((e) => e * sigma);
    const input = x.map((e) => e / Math.sqrt(sigma * sigma + 1));
    const eps = numbers((await unet.run({ sample: new ortNode.Tensor('float32', input, [1, 4, 64, 64]), timestep: new ortNode.Tensor('int64', BigInt64Array.from([999n]), [1]), encoder_hidden_states: states })).out_sample);
    const x0 = x.map((e, i) => e - sigma * eps[i]);
    const target = promptLatent(1024, CAT);
    for (let c = 0; c < 4; c++) expect(x0[c * hw + 1234]).toBeCloseTo(target[c], 2);
  });
});

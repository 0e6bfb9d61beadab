/**
 * The generated Stable Diffusion folders keep the real pipeline's contract and behave as
 * README.md says, on onnxruntime-node (and the external-data UNet on onnxruntime-web's wasm).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { LATENT_TO_RGB, LOGVAR, RGB_TO_LATENT, SCALING_FACTOR, VARIANTS, alphasCumprod, promptProjection, textTable, TEXT_ROWS, type DiffusionVariant } from './diffusion';
import { fromHalfBits, toHalfBits } from './graph';
import { contract, file, modelPath, nodeSession, same, withTestModels, type Session } from './testModels';

withTestModels();

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
  const path = (p: string) => modelPath(v.folder, p);
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
  const path = (p: string) => modelPath(v.folder, p);

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
    const folder = modelPath('sd-inpaint');
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
    const folder = modelPath('sd-turbo');
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

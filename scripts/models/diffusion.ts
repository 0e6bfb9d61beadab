import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ballast } from './ballast';
import { modelBytes, modelWithExternalData, node, onnxType, random, tensor, valueInfo, type DType, type Tensor } from './graph';

/**
 * Tiny Stable Diffusion folders in the Optimum/diffusers ONNX layout: real names, dtypes, ranks
 * and the 8x latent scale, built from cheap operators (see README.md for the behaviour).
 *
 * The UNet is an exact epsilon-predictor for a target latent: for x_t = sqrt(a) x0 + sqrt(1-a) eps,
 * out = (x_t - sqrt(a) target) / sqrt(1-a), with a = alphas_cumprod[round(t)] of the SD schedule.
 * Any correct sampler (DDIM, Euler, DPM++, LCM, with CFG) therefore converges to `target`:
 * the prompt's colour inside the mask and (9-channel) the masked-image latents outside it.
 */

export const SCALING_FACTOR = 0.18215;
export const TOKENS = 77;
/** Rows of the text encoder's table: token ids are taken modulo this. */
export const TEXT_ROWS = 512;
/** The VAE encoder's log-variance (the `latent_parameters` variant), constant everywhere. */
export const LOGVAR = -12;

/**
 * scaled latent (4) -> RGB in [-1, 1]: the linear approximation of SD 1.x's decoder often used for
 * latent previews. The decoder applies it, the encoder its pseudo-inverse, so decode(encode(x))
 * is x averaged over 8x8 blocks and bilinearly upsampled.
 */
export const LATENT_TO_RGB = [
  [0.3512, 0.325, -0.2829, -0.212],
  [0.2297, 0.4974, 0.1762, -0.2616],
  [0.3227, 0.235, 0.2721, -0.7177],
];

/** RGB (3) -> scaled latent (4): the pseudo-inverse of LATENT_TO_RGB, D^T (D D^T)^-1. */
export const RGB_TO_LATENT: number[][] = (() => {
  const d = LATENT_TO_RGB;
  const ddt = d.map((r) => d.map((s) => r.reduce((acc, v, k) => acc + v * s[k], 0)));
  const inv = invert3(ddt);
  return [0, 1, 2, 3].map((k) => [0, 1, 2].map((c) => d.reduce((acc, row, j) => acc + row[k] * inv[j][c], 0)));
})();

function invert3(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

/** alphas_cumprod of SD's scaled_linear schedule (0.00085 .. 0.012 over 1000 steps). */
export function alphasCumprod(): number[] {
  const out: number[] = [];
  const s0 = Math.sqrt(0.00085);
  const s1 = Math.sqrt(0.012);
  let prod = 1;
  for (let i = 0; i < 1000; i++) {
    const beta = (s0 + ((s1 - s0) * i) / 999) ** 2;
    prod *= 1 - beta;
    out.push(prod);
  }
  return out;
}

export interface DiffusionVariant {
  folder: string;
  /** UNet input channels: 9 (inpainting) or 4 (text-to-image, e.g. SD-Turbo). */
  channels: 9 | 4;
  /** Text encoder hidden size: 768 (SD 1.x) or 1024 (SD 2.x, SD-Turbo). */
  hidden: 768 | 1024;
  /** Every stage's float inputs and outputs in float16 (input_ids stays int32). */
  float16: boolean;
  timestep: 'float32' | 'float16' | 'int64';
  vaeOutput: 'latent_sample' | 'latent_parameters';
  pipeline: string;
  nameOrPath: string;
  scheduler: Record<string, unknown>;
  /**
   * The fp16 UNet's output overflows (x 1e5 before the cast to float16 gives infinity), as real fp16
   * UNets do on some GPUs; the folder also has the same UNet in fp32 as `unet/model_fp32.onnx`.
   */
  overflow?: boolean;
  /** Zero-valued 3x3 convolutions in the UNet (channels, layers), for benchmarks: compute without changing the output. */
  ballast?: { channels: number; layers: number };
}

const schedulerBase = {
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  clip_sample: false,
  num_train_timesteps: 1000,
  prediction_type: 'epsilon',
  set_alpha_to_one: false,
  skip_prk_steps: true,
  steps_offset: 1,
  trained_betas: null,
};

const FP16_INPAINT: DiffusionVariant = {
  folder: 'sd-inpaint-fp16',
  channels: 9,
  hidden: 768,
  float16: true,
  timestep: 'float16',
  vaeOutput: 'latent_sample',
  pipeline: 'OnnxStableDiffusionInpaintPipeline',
  nameOrPath: 'inpaint-studio/tiny-stable-diffusion-inpainting-fp16',
  scheduler: { _class_name: 'PNDMScheduler', _diffusers_version: '0.30.0', ...schedulerBase, timestep_spacing: 'leading' },
};

export const VARIANTS: DiffusionVariant[] = [
  {
    folder: 'sd-inpaint',
    channels: 9,
    hidden: 768,
    float16: false,
    timestep: 'float32',
    vaeOutput: 'latent_sample',
    pipeline: 'OnnxStableDiffusionInpaintPipeline',
    nameOrPath: 'inpaint-studio/tiny-stable-diffusion-inpainting',
    scheduler: { _class_name: 'PNDMScheduler', _diffusers_version: '0.30.0', ...schedulerBase, timestep_spacing: 'leading' },
  },
  FP16_INPAINT,
  // Its fp16 UNet overflows to infinity; an fp32 UNet beside it (unet/model_fp32.onnx) gives the retry.
  { ...FP16_INPAINT, folder: 'sd-inpaint-fp16-overflow', nameOrPath: 'inpaint-studio/tiny-stable-diffusion-inpainting-fp16-overflow', overflow: true },
  {
    folder: 'sd-turbo',
    channels: 4,
    hidden: 1024,
    float16: false,
    timestep: 'int64',
    vaeOutput: 'latent_parameters',
    pipeline: 'OnnxStableDiffusionPipeline',
    nameOrPath: 'inpaint-studio/tiny-sd-turbo',
    scheduler: {
      _class_name: 'EulerDiscreteScheduler',
      _diffusers_version: '0.30.0',
      ...schedulerBase,
      interpolation_type: 'linear',
      sample_max_value: 1.0,
      timestep_spacing: 'trailing',
      use_karras_sigmas: false,
    },
  },
];

const F = (v: DiffusionVariant): DType => (v.float16 ? 'float16' : 'float32');

/** A float initializer in the variant's weight dtype, with a Cast to float32 when that is float16. */
function weight(v: DiffusionVariant, name: string, dims: number[], values: ArrayLike<number>) {
  if (!v.float16) return { init: tensor(name, 'float32', dims, values), nodes: [] };
  return { init: tensor(`${name}_f16`, 'float16', dims, values), nodes: [node('Cast', [`${name}_f16`], [name], { to: onnxType('float32') })] };
}

/** Casts float16 inputs to float32 (named `${name}_f32`) or passes them through. */
function inputAs32(v: DiffusionVariant, name: string) {
  return v.float16 ? { name: `${name}_f32`, nodes: [node('Cast', [name], [`${name}_f32`], { to: onnxType('float32') })] } : { name, nodes: [] };
}

/** The final node writes `output` in the variant's dtype from a float32 value `from`. */
function outputFrom(v: DiffusionVariant, from: string, output: string) {
  return node(v.float16 ? 'Cast' : 'Identity', [from], [output], v.float16 ? { to: onnxType('float16') } : {});
}

/** Rows of the token table: BOS (49406 % 512 = 254) and EOS/pad (255) are zero, so only the prompt's tokens count. */
export function textTable(hidden: number): Float32Array {
  const rand = random(0x7e47 + hidden);
  const table = new Float32Array(TEXT_ROWS * hidden);
  for (let i = 0; i < table.length; i++) table[i] = rand() * 2 - 1;
  for (const row of [49406 % TEXT_ROWS, 49407 % TEXT_ROWS]) table.fill(0, row * hidden, (row + 1) * hidden);
  return table;
}

/** encoder_hidden_states summed over tokens -> 4 latent channels. */
export function promptProjection(hidden: number): Float32Array {
  const rand = random(0x9a0 + hidden);
  const scale = 0.12 / Math.sqrt(hidden);
  return Float32Array.from({ length: hidden * 4 }, () => (rand() * 2 - 1) * scale);
}

export function textEncoder(v: DiffusionVariant): Uint8Array {
  const table = v.float16 ? tensor('embeddings', 'float16', [TEXT_ROWS, v.hidden], textTable(v.hidden)) : tensor('embeddings', 'float32', [TEXT_ROWS, v.hidden], textTable(v.hidden));
  return modelBytes({
    name: 'text-encoder-shaped',
    doc: 'CLIP text encoder shaped: last_hidden_state[b, i] = table[input_ids[b, i] % 512] (BOS/EOS rows zero); pooler_output = mean over tokens.',
    inputs: [valueInfo('input_ids', 'int32', ['batch_size', 'sequence_length'])],
    outputs: [valueInfo('last_hidden_state', F(v), ['batch_size', 'sequence_length', v.hidden]), valueInfo('pooler_output', F(v), ['batch_size', v.hidden])],
    initializers: [tensor('rows', 'int32', [], [TEXT_ROWS]), table],
    nodes: [
      node('Mod', ['input_ids', 'rows'], ['row']),
      node('Gather', ['embeddings', 'row'], ['last_hidden_state'], { axis: 0 }),
      ...(v.float16 ? [node('Cast', ['last_hidden_state'], ['states32'], { to: onnxType('float32') })] : []),
      node('ReduceMean', [v.float16 ? 'states32' : 'last_hidden_state'], ['pooled'], { axes: [1], keepdims: 0 }),
      outputFrom(v, 'pooled', 'pooler_output'),
    ],
  });
}

export function vaeEncoder(v: DiffusionVariant): Uint8Array {
  const outChannels = v.vaeOutput === 'latent_parameters' ? 8 : 4;
  const w: number[] = [];
  for (let o = 0; o < outChannels; o++) for (let c = 0; c < 3; c++) w.push(o < 4 ? RGB_TO_LATENT[o][c] / SCALING_FACTOR : 0);
  const bias = Array.from({ length: outChannels }, (_, o) => (o < 4 ? 0 : LOGVAR));
  const wt = weight(v, 'mix', [outChannels, 3, 1, 1], w);
  const bt = weight(v, 'mix_bias', [outChannels], bias);
  const input = inputAs32(v, 'sample');
  return modelBytes({
    name: 'vae-encoder-shaped',
    doc: `VAE encoder shaped: ${v.vaeOutput} = 1x1 mix of the 8x8 average of sample (pseudo-inverse of the decoder's mix, divided by ${SCALING_FACTOR})${outChannels === 8 ? `; channels 4-7 (logvar) = ${LOGVAR}` : ''}.`,
    inputs: [valueInfo('sample', F(v), ['batch_size', 3, 'height', 'width'])],
    outputs: [valueInfo(v.vaeOutput, F(v), ['batch_size', outChannels, 'height_latent', 'width_latent'])],
    initializers: [wt.init, bt.init, tensor('half', 'float32', [4], [1, 1, 0.5, 0.5])],
    nodes: [
      ...input.nodes,
      ...wt.nodes,
      ...bt.nodes,
      // Three bilinear halvings (half_pixel) average 2x2 blocks exactly: an 8x8 average without
      // AveragePool, which takes seconds on WebGPU's software adapter.
      node('Resize', [input.name, '', 'half'], ['half1'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      node('Resize', ['half1', '', 'half'], ['half2'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      node('Resize', ['half2', '', 'half'], ['pooled'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      node('Conv', ['pooled', 'mix', 'mix_bias'], ['latent'], { kernel_shape: [1, 1] }),
      outputFrom(v, 'latent', v.vaeOutput),
    ],
  });
}

export function vaeDecoder(v: DiffusionVariant): Uint8Array {
  const w: number[] = [];
  for (let c = 0; c < 3; c++) for (let k = 0; k < 4; k++) w.push(LATENT_TO_RGB[c][k] * SCALING_FACTOR);
  const wt = weight(v, 'mix', [3, 4, 1, 1], w);
  const input = inputAs32(v, 'latent_sample');
  return modelBytes({
    name: 'vae-decoder-shaped',
    doc: `VAE decoder shaped: sample = bilinear x8 upsample of a 1x1 mix of latent_sample (x ${SCALING_FACTOR}, then the SD latent-preview matrix), roughly in [-1, 1].`,
    inputs: [valueInfo('latent_sample', F(v), ['batch_size', 4, 'height_latent', 'width_latent'])],
    outputs: [valueInfo('sample', F(v), ['batch_size', 3, 'height', 'width'])],
    initializers: [wt.init, tensor('scales', 'float32', [4], [1, 1, 8, 8])],
    nodes: [
      ...input.nodes,
      ...wt.nodes,
      node('Conv', [input.name, 'mix'], ['rgb'], { kernel_shape: [1, 1] }),
      node('Resize', ['rgb', '', 'scales'], ['image'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      outputFrom(v, 'image', 'sample'),
    ],
  });
}

/** The UNet, its weights (timestep tables and prompt projection) in `dataFile` (`model.onnx_data`). */
export function unet(v: DiffusionVariant, dataFile = 'model.onnx_data'): { model: Uint8Array; data: Uint8Array } {
  const ac = alphasCumprod();
  const tabA = weight(v, 'inv_sqrt_one_minus_alpha', [1000], ac.map((a) => 1 / Math.sqrt(1 - a)));
  const tabB = weight(v, 'sqrt_alpha_over_one_minus', [1000], ac.map((a) => Math.sqrt(a / (1 - a))));
  const proj = weight(v, 'prompt_projection', [v.hidden, 4], promptProjection(v.hidden));
  const sample = inputAs32(v, 'sample');
  const ehs = inputAs32(v, 'encoder_hidden_states');
  const ts = v.timestep === 'float32' ? { name: 'timestep', nodes: [] } : { name: 'timestep_f32', nodes: [node('Cast', ['timestep'], ['timestep_f32'], { to: onnxType('float32') })] };
  const consts: Tensor[] = [
    tensor('t_min', 'float32', [], [0]),
    tensor('t_max', 'float32', [], [999]),
    tensor('shape_b111', 'int64', [4], [-1, 1, 1, 1]),
    tensor('shape_b411', 'int64', [4], [-1, 4, 1, 1]),
    tensor('token_axis', 'int64', [1], [1]),
    ...(v.overflow ? [tensor('overflow', 'float32', [], [1e5])] : []),
    ...(v.channels === 9
      ? [tensor('ch_axis', 'int64', [1], [1]), tensor('ch0', 'int64', [1], [0]), tensor('ch4', 'int64', [1], [4]), tensor('ch5', 'int64', [1], [5]), tensor('ch9', 'int64', [1], [9])]
      : []),
  ];
  const split =
    v.channels === 9
      ? [
          node('Slice', [sample.name, 'ch0', 'ch4', 'ch_axis'], ['x']),
          node('Slice', [sample.name, 'ch4', 'ch5', 'ch_axis'], ['mask']),
          node('Slice', [sample.name, 'ch5', 'ch9', 'ch_axis'], ['masked_latents']),
          node('Sub', ['prompt_latent', 'masked_latents'], ['towards_prompt']),
          node('Mul', ['mask', 'towards_prompt'], ['masked_towards_prompt']),
          node('Add', ['masked_latents', 'masked_towards_prompt'], ['target']),
        ]
      : [node('Identity', [sample.name], ['x']), node('Identity', ['prompt_latent'], ['target'])];
  const doc =
    v.channels === 9
      ? 'UNet shaped (inpainting): target = masked_latents + mask * (prompt_latent - masked_latents); out_sample = (x - sqrt(a) target) / sqrt(1 - a)'
      : 'UNet shaped: target = prompt_latent; out_sample = (x - sqrt(a) target) / sqrt(1 - a)';
  const work = v.ballast ? ballast('x', 4, v.ballast.channels, v.ballast.layers) : null;
  const { model, data } = modelWithExternalData(
    {
      name: 'unet-shaped',
      doc: `${doc}, x = sample[:, 0:4], a = alphas_cumprod[clip(round(timestep), 0, 999)], prompt_latent = sum over tokens of encoder_hidden_states @ projection [${v.hidden}, 4].`,
      inputs: [
        valueInfo('sample', F(v), ['batch_size', v.channels, 'height', 'width']),
        valueInfo('timestep', v.timestep, ['steps']),
        valueInfo('encoder_hidden_states', F(v), ['batch_size', 'sequence_length', v.hidden]),
      ],
      outputs: [valueInfo('out_sample', F(v), ['batch_size', 4, 'height', 'width'])],
      initializers: [tabA.init, tabB.init, proj.init, ...consts, ...(work?.initializers ?? [])],
      nodes: [
        ...sample.nodes,
        ...ehs.nodes,
        ...ts.nodes,
        ...tabA.nodes,
        ...tabB.nodes,
        ...proj.nodes,
        node('Round', [ts.name], ['t_round']),
        node('Clip', ['t_round', 't_min', 't_max'], ['t_clip']),
        node('Cast', ['t_clip'], ['t_index'], { to: onnxType('int64') }),
        node('Gather', ['inv_sqrt_one_minus_alpha', 't_index'], ['coef_x_b'], { axis: 0 }),
        node('Gather', ['sqrt_alpha_over_one_minus', 't_index'], ['coef_target_b'], { axis: 0 }),
        node('Reshape', ['coef_x_b', 'shape_b111'], ['coef_x']),
        node('Reshape', ['coef_target_b', 'shape_b111'], ['coef_target']),
        node('MatMul', [ehs.name, 'prompt_projection'], ['token_4']),
        node('ReduceSum', ['token_4', 'token_axis'], ['prompt_4'], { keepdims: 0 }),
        node('Reshape', ['prompt_4', 'shape_b411'], ['prompt_latent']),
        ...split,
        node('Mul', ['coef_x', 'x'], ['scaled_x']),
        node('Mul', ['coef_target', 'target'], ['scaled_target']),
        node('Sub', ['scaled_x', 'scaled_target'], [work ? 'eps_exact' : 'eps']),
        ...(work ? [...work.nodes, node('Add', ['eps_exact', work.output], ['eps'])] : []),
        ...(v.overflow ? [node('Mul', ['eps', 'overflow'], ['eps_overflow'])] : []),
        outputFrom(v, v.overflow ? 'eps_overflow' : 'eps', 'out_sample'),
      ],
    },
    dataFile,
  );
  return { model, data };
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

const TOKENIZER_DIR = fileURLToPath(new URL('../../fixtures/clip-tokenizer/', import.meta.url));
const TOKENIZER_FILES = ['vocab.json', 'merges.txt', 'special_tokens_map.json', 'tokenizer_config.json'];

/** Every file of one folder, by path relative to the folder. */
export function diffusionFolder(v: DiffusionVariant): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const onnx = ['diffusers', 'OnnxRuntimeModel'];
  files.set(
    'model_index.json',
    json({
      _class_name: v.pipeline,
      _diffusers_version: '0.30.0',
      _name_or_path: v.nameOrPath,
      feature_extractor: [null, null],
      requires_safety_checker: false,
      safety_checker: [null, null],
      scheduler: ['diffusers', v.scheduler._class_name],
      text_encoder: onnx,
      tokenizer: ['transformers', 'CLIPTokenizer'],
      unet: onnx,
      vae_decoder: onnx,
      vae_encoder: onnx,
    }),
  );
  files.set('scheduler/scheduler_config.json', json(v.scheduler));
  for (const name of TOKENIZER_FILES) files.set(`tokenizer/${name}`, new Uint8Array(readFileSync(`${TOKENIZER_DIR}${name}`)));
  const dtype = v.float16 ? 'float16' : 'float32';
  files.set('text_encoder/model.onnx', textEncoder(v));
  files.set(
    'text_encoder/config.json',
    json({ architectures: ['CLIPTextModel'], hidden_size: v.hidden, max_position_embeddings: TOKENS, model_type: 'clip_text_model', projection_dim: v.hidden, torch_dtype: dtype, vocab_size: 49408 }),
  );
  const u = unet(v);
  files.set('unet/model.onnx', u.model);
  files.set('unet/model.onnx_data', u.data);
  if (v.overflow) {
    const fp32 = unet({ ...v, float16: false, timestep: 'float32', overflow: false }, 'model_fp32.onnx_data');
    files.set('unet/model_fp32.onnx', fp32.model);
    files.set('unet/model_fp32.onnx_data', fp32.data);
  }
  files.set(
    'unet/config.json',
    json({ _class_name: 'UNet2DConditionModel', _diffusers_version: '0.30.0', cross_attention_dim: v.hidden, in_channels: v.channels, out_channels: 4, sample_size: 64 }),
  );
  const vae = { _class_name: 'AutoencoderKL', _diffusers_version: '0.30.0', in_channels: 3, latent_channels: 4, out_channels: 3, sample_size: 512, scaling_factor: SCALING_FACTOR };
  files.set('vae_encoder/model.onnx', vaeEncoder(v));
  files.set('vae_encoder/config.json', json(vae));
  files.set('vae_decoder/model.onnx', vaeDecoder(v));
  files.set('vae_decoder/config.json', json(vae));
  return files;
}

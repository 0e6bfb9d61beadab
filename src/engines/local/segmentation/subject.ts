import { assertImage, type RgbaImage } from '../../../image/rgba';
import { resampleChannel, resamplePlaneToBytes } from '../../../mask/resamplePlane';
import { EngineError } from '../../contract';
import { recogniseModel } from '../recognise';
import type { TensorData, TensorInfo } from '../removers';

/**
 * "Select subject" as tensors, for an ISNet- or U-2-Netp-shaped model (rembg's exports): the
 * photo resized to the model's square side (shape not kept), normalised per model, in; the
 * first output, a sigmoid map, min-max normalised as rembg does and resized back to the
 * photo's full size as alpha 0..255, out. Pure: runs in the model worker and in Node tests.
 */
export type SubjectKind = 'isnet' | 'u2netp';

/** Per channel, (x / 255 - mean) / std: ISNet x/255 - 0.5, U-2-Netp ImageNet's mean and std. */
const SUBJECT_NORMALISATION: Record<SubjectKind, { mean: readonly number[]; std: readonly number[] }> = {
  isnet: { mean: [0.5, 0.5, 0.5], std: [1, 1, 1] },
  u2netp: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
};

export interface SubjectInput {
  kind: SubjectKind;
  name: string;
  width: number;
  height: number;
}

/** The model's image input as its session describes it: name, kind and fixed side. */
export function subjectInput(inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): SubjectInput {
  const found = recogniseModel(inputs, outputs);
  if (found?.task !== 'subject' || (found.kind !== 'isnet' && found.kind !== 'u2netp')) {
    throw new EngineError('invalid-input', 'This model does not find subjects: it takes no single [1,3,side,side] picture of 1024 (ISNet) or 320 (U-2-Netp).');
  }
  const [, , height, width] = inputs[0].shape;
  // Recognised by its width; a height left open is the same square side.
  return { kind: found.kind, name: inputs[0].name, width: Number(width), height: typeof height === 'number' ? height : Number(width) };
}

/**
 * The photo as the model's one input: each channel resized to its side straight into its
 * plane, normalised on the way. `into`, when its size fits, is filled instead of a new
 * array: the worker reuses one, as writing a fresh 12 MB array costs more than filling it.
 */
export function subjectFeeds(input: SubjectInput, image: RgbaImage, into?: Float32Array): Record<string, TensorData> {
  assertImage(image);
  const { width, height } = input;
  const plane = width * height;
  const data = into?.length === 3 * plane ? into : new Float32Array(3 * plane);
  const { mean, std } = SUBJECT_NORMALISATION[input.kind];
  for (let c = 0; c < 3; c++) {
    resampleChannel(image.data, image.width, image.height, c, data, { width, height, offset: c * plane, scale: 1 / (255 * std[c]), shift: -mean[c] / std[c] });
  }
  return { [input.name]: { type: 'float32', data, dims: [1, 3, height, width] } };
}

/**
 * The subject's alpha at width x height from the model's first output ([1,1,h,w]): min-max
 * normalised to 0..255 (a flat map, which has no range to stretch, is read as 0..1), then
 * resized (bilinear up, area average down). NaN or infinity is reported, never drawn.
 */
export function subjectAlpha(outputs: readonly TensorInfo[], results: Record<string, TensorData>, width: number, height: number): Uint8Array<ArrayBuffer> {
  const first = results[outputs[0]?.name];
  const dims = first?.dims ?? [];
  const [h, w] = dims.slice(-2);
  if (!first || !(h > 0 && w > 0) || first.data.length < h * w) throw new EngineError('unknown', `The model answered a ${dims.join('x') || 'missing'} tensor, not a subject map.`);
  const plane = h * w;
  const map = first.data;
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  for (let i = 0; i < plane; i++) {
    const v = map[i];
    if (v < min) min = v;
    if (v > max) max = v;
    // Only NaN differs from itself; one comparison instead of a call per value.
    if (v !== v) nan = true;
  }
  if (nan || !Number.isFinite(min) || !Number.isFinite(max)) {
    throw new EngineError('unknown', 'The model produced invalid numbers (NaN or infinity); the mask is unchanged.');
  }
  // WASM's Sigmoid can stray just outside [0, 1]: a flat map is clamped, not stretched.
  const range = max - min;
  const [offset, scale] = range > 1e-6 ? [min, 255 / range] : [0, 255];
  // Resized as floats (normalising is linear), rounded once at the photo's size.
  const alpha = new Uint8Array(width * height);
  resamplePlaneToBytes(map instanceof Float32Array ? map : Float32Array.from(map), w, h, alpha, { width, height, scale, shift: 0.5 - offset * scale });
  return alpha;
}

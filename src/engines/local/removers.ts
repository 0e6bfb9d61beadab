import { pixelsOver, rgbPlanes, type RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { EngineError } from '../contract';
import { Scratch } from './scratch';

/**
 * The two prompt-free removal models as tensors. MI-GAN: uint8 image [1,3,H,W] and mask
 * [1,1,H,W] with 255 = keep (the opposite of the editor's mask), any size, uint8 result.
 * LaMa: float32 image in [0,1] and mask with 1 = hole, both 512x512, float result in
 * [0,255] (or [0,1] in some exports: the range is read from the values).
 */
export type RemoverKind = 'migan' | 'lama';

/** An input or output as the session describes it. */
export interface TensorInfo {
  name: string;
  type: string;
  shape: readonly (number | string | null)[];
}

export interface TensorData {
  type: 'uint8' | 'float32';
  data: Uint8Array | Float32Array;
  dims: number[];
}

const channels = (info: TensorInfo) => info.shape[1];

/** Which of two inputs is the image (3 channels) and which the mask (1), by shape, else by name. */
function imageAndMask(inputs: readonly TensorInfo[]): { image: TensorInfo; mask: TensorInfo } | null {
  if (inputs.length !== 2) return null;
  const image = inputs.find((i) => channels(i) === 3) ?? inputs.find((i) => /image|img/i.test(i.name));
  const mask = inputs.find((i) => i !== image && (channels(i) === 1 || /mask/i.test(i.name)));
  return image && mask && image.shape.length === 4 && mask.shape.length === 4 ? { image, mask } : null;
}

/** A removal model recognised by its inputs: MI-GAN-shaped (uint8) or LaMa-shaped (float32, 512). */
export function recogniseRemover(inputs: readonly TensorInfo[]): RemoverKind | null {
  const pair = imageAndMask(inputs);
  if (!pair) return null;
  if (pair.image.type === 'uint8' && pair.mask.type === 'uint8') return 'migan';
  if (pair.image.type === 'float32' && pair.mask.type === 'float32') return 'lama';
  return null;
}

/** The size a LaMa-shaped model works at (512 for the real one). */
export function fixedSide(inputs: readonly TensorInfo[]): number | null {
  const side = imageAndMask(inputs)?.image.shape[3];
  return typeof side === 'number' ? side : null;
}

/** v / 255 for every byte: a lookup is cheaper than a division per channel. */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * The tensors a removal model gets for the crop. A pixel the feathered mask reaches at all is
 * a hole. Their buffers come from `scratch` (valid until the next call).
 */
export function removerInputs(kind: RemoverKind, inputs: readonly TensorInfo[], image: RgbaImage, mask: Mask, scratch = new Scratch()): Record<string, TensorData> {
  const pair = imageAndMask(inputs);
  if (!pair) throw new EngineError('invalid-input', 'This model does not take an image and a mask.');
  const { width, height } = image;
  const plane = width * height;
  const dims = (c: number) => [1, c, height, width];
  if (kind === 'migan') {
    const pixels = rgbPlanes(image, scratch.uint8('image', 3 * plane));
    const keep = scratch.uint8('mask', plane);
    for (let i = 0; i < plane; i++) keep[i] = mask.data[i] > 0 ? 0 : 255;
    return { [pair.image.name]: { type: 'uint8', data: pixels, dims: dims(3) }, [pair.mask.name]: { type: 'uint8', data: keep, dims: dims(1) } };
  }
  const pixels = rgbPlanes(image, scratch.float32('image', 3 * plane), UNIT);
  const hole = scratch.float32('mask', plane);
  for (let i = 0; i < plane; i++) hole[i] = mask.data[i] > 0 ? 1 : 0;
  return { [pair.image.name]: { type: 'float32', data: pixels, dims: dims(3) }, [pair.mask.name]: { type: 'float32', data: hole, dims: dims(1) } };
}

/**
 * The model's output [1,3,H,W] as pixels, in the output's own buffer when it can (see
 * pixelsOver). NaN or infinity is reported, never shown as black; a float output whose values
 * all fit in [0, 1.5] is read as [0,1], else as [0,255].
 */
export function outputImage(output: TensorData): RgbaImage {
  const [, c, height, width] = output.dims;
  if (c !== 3 || !height || !width) throw new EngineError('unknown', `The model answered a ${output.dims.join('x')} tensor, not a picture.`);
  const plane = width * height;
  const { data } = output;
  let scale = 1;
  if (data instanceof Float32Array) {
    let max = 0;
    // Stays 0 unless a value is NaN or infinite (x - x is NaN for both): one test at the end.
    let invalid = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      invalid += v - v;
      if (v > max) max = v;
    }
    if (invalid !== 0) throw new EngineError('unknown', 'The model produced invalid numbers (NaN or infinity); nothing is shown rather than a black picture.');
    if (max <= 1.5) scale = 255;
  }
  const rgba = pixelsOver(data, plane);
  for (let i = 0; i < plane; i++) {
    rgba[i * 4] = data[i] * scale;
    rgba[i * 4 + 1] = data[plane + i] * scale;
    rgba[i * 4 + 2] = data[2 * plane + i] * scale;
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, data: rgba };
}

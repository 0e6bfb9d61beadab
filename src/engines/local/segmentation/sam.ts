import { resizeImage } from '../../../compositing/resize';
import type { RgbaImage } from '../../../image/rgba';
import type { TensorInfo } from '../removers';

/**
 * MobileSAM's pre- and post-processing (the Acly/MobileSAM export, Meta's decoder contract):
 * the encoder takes the photo resized so its longest side is 1024, as float32 [h, w, 3] in
 * 0-255 (the graph normalises and pads); the decoder takes the clicks scaled to that frame,
 * a pad point, the previous low-resolution mask, and the photo's size, and answers logits
 * at the photo's full resolution.
 */
export const SAM_SIDE = 1024;
/** The decoder's low-resolution mask: 256 x 256 logits. */
export const SAM_LOW_RES = 256;

export const SAM_DECODER_INPUTS = ['image_embeddings', 'point_coords', 'point_labels', 'mask_input', 'has_mask_input', 'orig_im_size'] as const;
export const SAM_DECODER_OUTPUTS = ['masks', 'iou_predictions', 'low_res_masks'] as const;
/** The file names of the pair as published (Acly/MobileSAM). */
export const SAM_ENCODER_FILE = 'mobile_sam_image_encoder.onnx';
export const SAM_DECODER_FILE = 'sam_mask_decoder_single.onnx';

/** A click on the photo, in its pixels: positive adds what is there, negative cuts it out. */
export interface SamPoint {
  x: number;
  y: number;
  positive: boolean;
}

export interface Size {
  width: number;
  height: number;
}

/** The size the encoder sees: the longest side 1024, each side rounded as SAM's ResizeLongestSide does. */
export function samResizedSize({ width, height }: Size): Size {
  const scale = SAM_SIDE / Math.max(width, height);
  return { width: Math.floor(width * scale + 0.5), height: Math.floor(height * scale + 0.5) };
}

/** The encoder's `input_image`: the photo resized, RGB as float32 0-255, row by row ([h, w, 3]). */
export function encoderInput(image: RgbaImage): { data: Float32Array; dims: [number, number, number] } {
  const size = samResizedSize(image);
  const resized = resizeImage(image, size.width, size.height);
  const data = new Float32Array(size.width * size.height * 3);
  for (let i = 0, o = 0; o < data.length; i += 4, o += 3) {
    data[o] = resized.data[i];
    data[o + 1] = resized.data[i + 1];
    data[o + 2] = resized.data[i + 2];
  }
  return { data, dims: [size.height, size.width, 3] };
}

/**
 * `point_coords` [1, N+1, 2] and `point_labels` [1, N+1]: each click scaled to the resized
 * frame (not shifted: the graph adds 0.5), labels 1 positive and 0 negative, then the pad
 * point (0, 0) labelled -1 that the decoder expects when no box is given.
 */
export function pointInputs(points: readonly SamPoint[], photo: Size) {
  const resized = samResizedSize(photo);
  const sx = resized.width / photo.width;
  const sy = resized.height / photo.height;
  const n = points.length + 1;
  const coords = new Float32Array(n * 2);
  const labels = new Float32Array(n);
  points.forEach((p, i) => {
    coords[i * 2] = p.x * sx;
    coords[i * 2 + 1] = p.y * sy;
    labels[i] = p.positive ? 1 : 0;
  });
  labels[n - 1] = -1;
  return { coords, coordDims: [1, n, 2], labels, labelDims: [1, n] };
}

/** `mask_input` and `has_mask_input`: the previous click's low-resolution logits fed back, or zeros and 0 on the first click. */
export function maskInputs(previous: Float32Array | null) {
  if (previous && previous.length !== SAM_LOW_RES * SAM_LOW_RES) throw new RangeError(`the previous mask has ${previous.length} values, not ${SAM_LOW_RES}²`);
  return {
    mask: previous ? Float32Array.from(previous) : new Float32Array(SAM_LOW_RES * SAM_LOW_RES),
    maskDims: [1, 1, SAM_LOW_RES, SAM_LOW_RES],
    has: Float32Array.of(previous ? 1 : 0),
  };
}

/** `orig_im_size`: the photo's height and width, as float32. */
export const origImSize = ({ width, height }: Size) => Float32Array.of(height, width);

/** The decoder's `masks` logits at full resolution to the editor's mask: 255 where the logit is above 0. */
export function logitsToMask(logits: ArrayLike<number>, size: Size): Uint8Array {
  return logitsToMaskAndArea(logits, size).mask;
}

/** The mask and how many pixels it holds, in one pass. */
export function logitsToMaskAndArea(logits: ArrayLike<number>, { width, height }: Size): { mask: Uint8Array; area: number } {
  if (logits.length !== width * height) throw new RangeError(`the decoder answered ${logits.length} values for a ${width}x${height} photo`);
  const mask = new Uint8Array(width * height);
  let area = 0;
  for (let i = 0; i < mask.length; i++) {
    if (logits[i] > 0) {
      mask[i] = 255;
      area++;
    }
  }
  return { mask, area };
}

const sameShape = (shape: TensorInfo['shape'], wanted: number[]) => shape.length === wanted.length && shape.every((d, i) => d === wanted[i]);

/** A MobileSAM-shaped encoder: one float32 [h, w, 3] input, an `image_embeddings`-like [1,256,64,64] output. */
export function isSamEncoder(inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): boolean {
  const [input] = inputs;
  return (
    inputs.length === 1 &&
    input.type === 'float32' &&
    input.shape.length === 3 &&
    input.shape[2] === 3 &&
    outputs.some((o) => o.type === 'float32' && sameShape(o.shape, [1, 256, 64, 64]))
  );
}

/** A SAM mask decoder (Meta's ONNX contract): its six inputs and three outputs by name. */
export function isSamDecoder(inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): boolean {
  const has = (list: readonly TensorInfo[], name: string) => list.some((t) => t.name === name);
  return SAM_DECODER_INPUTS.every((name) => has(inputs, name)) && SAM_DECODER_OUTPUTS.every((name) => has(outputs, name));
}

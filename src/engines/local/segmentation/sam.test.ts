import { describe, expect, it } from 'vitest';
import type { TensorInfo } from '../removers';
import { encoderInput, isSamDecoder, isSamEncoder, logitsToMask, maskInputs, origImSize, pointInputs, samResizedSize } from './sam';

describe('samResizedSize', () => {
  it.each([
    [{ width: 512, height: 512 }, { width: 1024, height: 1024 }],
    [{ width: 2000, height: 1000 }, { width: 1024, height: 512 }],
    // 1024 / 1500 * 1001 = 683.35 -> 683; 1024 / 3 = 341.33 -> 341; 1024 * 2 / 3 = 682.67 -> 683
    [{ width: 1001, height: 1500 }, { width: 683, height: 1024 }],
    [{ width: 3, height: 2 }, { width: 1024, height: 683 }],
    [{ width: 4096, height: 3 }, { width: 1024, height: 1 }],
  ])('%o -> %o', (photo, resized) => {
    expect(samResizedSize(photo)).toEqual(resized);
  });
});

describe('encoderInput', () => {
  it('gives the resized photo as float32 [h, w, 3] in 0-255, alpha dropped', () => {
    // 2 x 1, two colours: enlarged 512x to 1024 x 512, bilinear; the ends keep their colour.
    const image = { width: 2, height: 1, data: new Uint8ClampedArray([10, 20, 30, 0, 250, 240, 230, 255]) };
    const { data, dims } = encoderInput(image);
    expect(dims).toEqual([512, 1024, 3]);
    expect(data.length).toBe(512 * 1024 * 3);
    expect(Array.from(data.subarray(0, 3))).toEqual([10, 20, 30]);
    const lastOfFirstRow = 1023 * 3;
    expect(Array.from(data.subarray(lastOfFirstRow, lastOfFirstRow + 3))).toEqual([250, 240, 230]);
    const lastRow = 511 * 1024 * 3;
    expect(Array.from(data.subarray(lastRow, lastRow + 3))).toEqual([10, 20, 30]);
    // Halfway along, halfway between the colours.
    expect(data[512 * 3]).toBeGreaterThan(120);
    expect(data[512 * 3]).toBeLessThan(140);
  });

  it('averages a larger photo down without skipping pixels', () => {
    // 2048 x 2048, columns alternating black and white: every output pixel is mid grey.
    const side = 2048;
    const pixels = new Uint8ClampedArray(side * side * 4);
    for (let i = 0; i < side * side; i++) pixels.fill(i % 2 ? 255 : 0, i * 4, i * 4 + 3);
    const { data, dims } = encoderInput({ width: side, height: side, data: pixels });
    expect(dims).toEqual([1024, 1024, 3]);
    // The resize keeps bytes: 127.5 rounds to 128.
    expect(data.every((v) => v === 128)).toBe(true);
  });
});

describe('pointInputs', () => {
  it('scales clicks to the resized frame, labels them 1 and 0, and adds the pad point (0, 0) labelled -1', () => {
    // 2000 x 1000 -> 1024 x 512: both axes x 0.512.
    const { coords, coordDims, labels, labelDims } = pointInputs(
      [
        { x: 1000, y: 500, positive: true },
        { x: 250, y: 100, positive: false },
      ],
      { width: 2000, height: 1000 },
    );
    expect(coordDims).toEqual([1, 3, 2]);
    expect(labelDims).toEqual([1, 3]);
    expect(Array.from(coords)).toEqual([512, 256, 128, 51.20000076293945, 0, 0]);
    expect(Array.from(labels)).toEqual([1, 0, -1]);
  });

  it('scales each axis by its own rounded ratio', () => {
    // 1001 x 1500 -> 683 x 1024: x by 683 / 1001, y by 1024 / 1500.
    const { coords } = pointInputs([{ x: 1001, y: 1500, positive: true }], { width: 1001, height: 1500 });
    expect(coords[0]).toBeCloseTo(683, 4);
    expect(coords[1]).toBeCloseTo(1024, 4);
  });

  it('sends only the pad point when there is no click', () => {
    const { coords, labels } = pointInputs([], { width: 10, height: 10 });
    expect(Array.from(coords)).toEqual([0, 0]);
    expect(Array.from(labels)).toEqual([-1]);
  });
});

describe('maskInputs', () => {
  it('is zeros and has_mask_input 0 on the first click', () => {
    const { mask, maskDims, has } = maskInputs(null);
    expect(maskDims).toEqual([1, 1, 256, 256]);
    expect(mask.length).toBe(65536);
    expect(mask.every((v) => v === 0)).toBe(true);
    expect(Array.from(has)).toEqual([0]);
  });

  it('feeds the previous low-resolution logits back with has_mask_input 1, as a copy', () => {
    const previous = Float32Array.from({ length: 65536 }, (_, i) => (i % 7) - 3);
    const { mask, has } = maskInputs(previous);
    expect(Array.from(has)).toEqual([1]);
    expect(mask).not.toBe(previous);
    expect(mask.every((v, i) => v === previous[i])).toBe(true);
  });

  it('refuses a previous mask of another size', () => {
    expect(() => maskInputs(new Float32Array(64 * 64))).toThrow(/256/);
  });
});

describe('origImSize and logitsToMask', () => {
  it('gives the size as (H, W)', () => {
    expect(Array.from(origImSize({ width: 640, height: 480 }))).toEqual([480, 640]);
  });

  it('makes 255 where the logit is above 0, 0 elsewhere (0 itself is outside)', () => {
    expect(Array.from(logitsToMask(Float32Array.of(-3, 0, 0.001, 12, -0.5, 7), { width: 3, height: 2 }))).toEqual([0, 0, 255, 255, 0, 255]);
  });

  it('refuses logits of another size than the photo', () => {
    expect(() => logitsToMask(new Float32Array(5), { width: 3, height: 2 })).toThrow(/3x2/);
  });
});

const t = (name: string, shape: TensorInfo['shape'], type = 'float32'): TensorInfo => ({ name, type, shape });

describe('recognising the pair', () => {
  const decoderInputs = [
    t('image_embeddings', [1, 256, 64, 64]),
    t('point_coords', [1, 'num_points', 2]),
    t('point_labels', [1, 'num_points']),
    t('mask_input', [1, 1, 256, 256]),
    t('has_mask_input', [1]),
    t('orig_im_size', [2]),
  ];
  const decoderOutputs = [t('masks', [1, 1, 'h', 'w']), t('iou_predictions', [1, 1]), t('low_res_masks', [1, 1, 256, 256])];

  it('knows an encoder by its [h, w, 3] input and [1, 256, 64, 64] output', () => {
    expect(isSamEncoder([t('input_image', ['image_height', 'image_width', 3])], [t('image_embeddings', [1, 256, 64, 64])])).toBe(true);
    expect(isSamEncoder([t('input_image', [1, 3, 1024, 1024])], [t('image_embeddings', [1, 256, 64, 64])])).toBe(false);
    expect(isSamEncoder([t('input_image', [1024, 1024, 3], 'uint8')], [t('image_embeddings', [1, 256, 64, 64])])).toBe(false);
    expect(isSamEncoder([t('input_image', ['h', 'w', 3])], [t('image_embeddings', [1, 256, 32, 32])])).toBe(false);
  });

  it('knows a decoder by its six inputs and three outputs', () => {
    expect(isSamDecoder(decoderInputs, decoderOutputs)).toBe(true);
    expect(isSamDecoder(decoderInputs.slice(0, 5), decoderOutputs)).toBe(false);
    expect(isSamDecoder(decoderInputs, decoderOutputs.slice(1))).toBe(false);
  });
});

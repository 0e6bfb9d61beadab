import { describe, expect, it } from 'vitest';
import { EngineError } from '../../contract';
import { catalog } from '../catalog';
import type { ModelState } from '../library';
import type { TensorData, TensorInfo } from '../removers';
import { subjectAlpha, subjectFeeds, subjectInput } from './subject';
import { readySubjectModels, subjectModelToUse } from './subjectModel';

const isnetInputs: TensorInfo[] = [{ name: 'input_image', type: 'float32', shape: [1, 3, 1024, 1024] }];
const isnetOutputs: TensorInfo[] = Array.from({ length: 12 }, (_, i) => ({ name: i ? `side_${i}` : 'output_image', type: 'float32', shape: [1, 1, 1024, 1024] }));
const u2netpInputs: TensorInfo[] = [{ name: 'input.1', type: 'float32', shape: [1, 3, 320, 320] }];
const u2netpOutputs: TensorInfo[] = [{ name: '1964', type: 'float32', shape: [1, 1, 320, 320] }];

/** A width x height picture from [r, g, b] per pixel. */
const picture = (width: number, height: number, pixels: number[][]) => ({
  width,
  height,
  data: Uint8ClampedArray.from(pixels.flatMap(([r, g, b]) => [r, g, b, 255])),
});

const map = (dims: number[], values: number[]): TensorData => ({ type: 'float32', data: Float32Array.from(values), dims });

describe('subjectInput', () => {
  it('reads the input name, kind and side from the session', () => {
    expect(subjectInput(isnetInputs, isnetOutputs)).toEqual({ kind: 'isnet', name: 'input_image', width: 1024, height: 1024 });
    expect(subjectInput(u2netpInputs, u2netpOutputs)).toEqual({ kind: 'u2netp', name: 'input.1', width: 320, height: 320 });
  });

  it('refuses a model that is not a subject model, in words', () => {
    const lama: TensorInfo[] = [
      { name: 'image', type: 'float32', shape: [1, 3, 512, 512] },
      { name: 'mask', type: 'float32', shape: [1, 1, 512, 512] },
    ];
    expect(() => subjectInput(lama, u2netpOutputs)).toThrow(/does not find subjects/);
    expect(() => subjectInput([{ ...u2netpInputs[0], shape: [1, 3, 512, 512] }], u2netpOutputs)).toThrow(EngineError);
  });
});

describe('subjectFeeds', () => {
  it('ISNet: x / 255 - 0.5, channels first, at the model side', () => {
    const image = picture(2, 1, [
      [0, 51, 255],
      [255, 102, 0],
    ]);
    const feeds = subjectFeeds({ kind: 'isnet', name: 'input_image', width: 2, height: 1 }, image);
    expect(feeds.input_image.dims).toEqual([1, 3, 1, 2]);
    // Red of both pixels, then green, then blue.
    const expected = [-0.5, 0.5, -0.3, -0.1, 0.5, -0.5];
    Array.from(feeds.input_image.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('U-2-Netp: ImageNet mean and std per channel', () => {
    const image = picture(1, 1, [[255, 0, 128]]);
    const { data } = subjectFeeds({ kind: 'u2netp', name: 'input.1', width: 1, height: 1 }, image)['input.1'];
    expect(data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(data[1]).toBeCloseTo((0 - 0.456) / 0.224, 5);
    expect(data[2]).toBeCloseTo((128 / 255 - 0.406) / 0.225, 5);
  });

  it('resizes the photo to the side, shape not kept (a flat colour stays that colour)', () => {
    const image = picture(3, 1, [
      [255, 255, 255],
      [255, 255, 255],
      [255, 255, 255],
    ]);
    const { data, dims } = subjectFeeds({ kind: 'isnet', name: 'x', width: 4, height: 4 }, image).x;
    expect(dims).toEqual([1, 3, 4, 4]);
    expect(data.length).toBe(48);
    expect(Array.from(data).every((v) => v === 0.5)).toBe(true);
  });

  it('fills the array it is given when its size fits, else makes one', () => {
    const image = picture(1, 1, [[255, 0, 255]]);
    const into = new Float32Array(3);
    expect(subjectFeeds({ kind: 'isnet', name: 'x', width: 1, height: 1 }, image, into).x.data).toBe(into);
    expect(Array.from(into)).toEqual([0.5, -0.5, 0.5]);
    expect(subjectFeeds({ kind: 'isnet', name: 'x', width: 2, height: 1 }, image, into).x.data).not.toBe(into);
  });

  it('averages the photo down: a 4x1 of two black and two white pixels at side 2 is one black, one white', () => {
    const image = picture(4, 1, [
      [0, 0, 0],
      [0, 0, 0],
      [255, 255, 255],
      [255, 255, 255],
    ]);
    const { data } = subjectFeeds({ kind: 'isnet', name: 'x', width: 2, height: 1 }, image).x;
    expect(Array.from(data)).toEqual([-0.5, 0.5, -0.5, 0.5, -0.5, 0.5]);
  });
});

describe('subjectAlpha', () => {
  const outputs: TensorInfo[] = [{ name: 'first', type: 'float32', shape: [1, 1, 2, 2] }, { name: 'second', type: 'float32', shape: [1, 1, 2, 2] }];

  it('takes output 0, min-max normalises it to 0..255 and keeps the size when it is the photo size', () => {
    const alpha = subjectAlpha(outputs, { second: map([1, 1, 2, 2], [1, 1, 1, 1]), first: map([1, 1, 2, 2], [0.2, 0.3, 0.6, 0.2]) }, 2, 2);
    expect(Array.from(alpha)).toEqual([0, 64, 255, 0]);
  });

  it('resizes the map bilinearly to the photo: 2x1 to 4x1 and 2x2', () => {
    const results = { first: map([1, 1, 1, 2], [0.1, 0.9]) };
    expect(Array.from(subjectAlpha(outputs, results, 4, 1))).toEqual([0, 64, 191, 255]);
    expect(Array.from(subjectAlpha(outputs, results, 2, 2))).toEqual([0, 255, 0, 255]);
  });

  it('averages the map down to a smaller photo', () => {
    expect(Array.from(subjectAlpha(outputs, { first: map([1, 1, 1, 4], [0, 0, 1, 1]) }, 2, 1))).toEqual([0, 255]);
  });

  it('reads a flat map as 0..1, clamped (WASM Sigmoid may stray past 1)', () => {
    expect(Array.from(subjectAlpha(outputs, { first: map([1, 1, 1, 2], [1.0000001, 1.0000001]) }, 2, 1))).toEqual([255, 255]);
    expect(Array.from(subjectAlpha(outputs, { first: map([1, 1, 1, 2], [0, 0]) }, 2, 1))).toEqual([0, 0]);
  });

  it('reports NaN and a missing or shapeless output instead of drawing them', () => {
    expect(() => subjectAlpha(outputs, { first: map([1, 1, 1, 2], [0, Number.NaN]) }, 2, 1)).toThrow(/invalid numbers/);
    expect(() => subjectAlpha(outputs, { second: map([1, 1, 1, 2], [0, 1]) }, 2, 1)).toThrow(/missing/);
    expect(() => subjectAlpha(outputs, { first: map([2], [0, 1]) }, 2, 1)).toThrow(EngineError);
  });
});

describe('the subject models', () => {
  const ready: ModelState = { status: 'ready' };

  it('are in the catalog: ISNet first with U-2-Netp as the small fallback, each with a size and licence', () => {
    const subject = catalog.filter((m) => m.task === 'subject');
    expect(subject.map((m) => [m.id, m.kind])).toEqual([
      ['isnet-general-use', 'isnet'],
      ['u2netp', 'u2netp'],
    ]);
    expect(subject.map((m) => m.files[0].size)).toEqual([178_648_008, 4_574_861]);
    for (const model of subject) expect(model.licence).toMatch(/Apache-2\.0/);
  });

  it('the chosen one runs while it is ready, else the first ready one', () => {
    const list = readySubjectModels(catalog, { 'isnet-general-use': ready, u2netp: ready, migan: ready });
    expect(list.map((m) => m.id)).toEqual(['isnet-general-use', 'u2netp']);
    expect(subjectModelToUse(list, 'u2netp')?.id).toBe('u2netp');
    expect(subjectModelToUse(list, 'gone')?.id).toBe('isnet-general-use');
    expect(subjectModelToUse(readySubjectModels(catalog, { 'isnet-general-use': { status: 'downloading' } }), null)).toBeUndefined();
  });
});

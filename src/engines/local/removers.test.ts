import { describe, expect, it } from 'vitest';
import { outputImage, recogniseRemover, removerInputs, type TensorInfo } from './removers';
import { Scratch } from './scratch';

const migan: TensorInfo[] = [
  { name: 'image', type: 'uint8', shape: ['batch', 3, 'height', 'width'] },
  { name: 'mask', type: 'uint8', shape: ['batch', 1, 'height', 'width'] },
];
const lama: TensorInfo[] = [
  { name: 'image', type: 'float32', shape: [1, 3, 512, 512] },
  { name: 'mask', type: 'float32', shape: [1, 1, 512, 512] },
];

const image = { width: 2, height: 1, data: Uint8ClampedArray.from([10, 20, 30, 255, 40, 50, 60, 255]) };
const mask = { width: 2, height: 1, data: Uint8Array.from([0, 128]) };

describe('removal models', () => {
  it('are recognised by their inputs', () => {
    expect(recogniseRemover(migan)).toBe('migan');
    expect(recogniseRemover(lama)).toBe('lama');
    expect(recogniseRemover([lama[0]])).toBeNull();
    expect(recogniseRemover([{ name: 'input_ids', type: 'int32', shape: [1, 77] }, { name: 'x', type: 'float32', shape: [1] }])).toBeNull();
  });

  it('even with other names, by their channels', () => {
    expect(recogniseRemover([{ ...migan[1], name: 'm' }, { ...migan[0], name: 'x' }])).toBe('migan');
  });

  it('give MI-GAN planar uint8 pixels and its inverted mask: 255 keeps, any grey is a hole', () => {
    const inputs = removerInputs('migan', migan, image, mask);
    expect(inputs.image).toEqual({ type: 'uint8', data: Uint8Array.from([10, 40, 20, 50, 30, 60]), dims: [1, 3, 1, 2] });
    expect(inputs.mask).toEqual({ type: 'uint8', data: Uint8Array.from([255, 0]), dims: [1, 1, 1, 2] });
  });

  it('give LaMa floats in [0,1] and 1 for the hole', () => {
    const inputs = removerInputs('lama', lama, image, mask);
    expect(Array.from(inputs.image.data as Float32Array).map((v) => Math.round(v * 255))).toEqual([10, 40, 20, 50, 30, 60]);
    expect(Array.from(inputs.mask.data)).toEqual([0, 1]);
  });

  it('read outputs back as pixels, [0,255] or [0,1]', () => {
    const u8 = outputImage({ type: 'uint8', data: Uint8Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 3, 1, 2] });
    expect(Array.from(u8.data)).toEqual([1, 3, 5, 255, 2, 4, 6, 255]);
    const f255 = outputImage({ type: 'float32', data: Float32Array.from([255, 0, 128.4, 0, 0, 300]), dims: [1, 3, 1, 2] });
    expect(Array.from(f255.data)).toEqual([255, 128, 0, 255, 0, 0, 255, 255]);
    const f01 = outputImage({ type: 'float32', data: Float32Array.from([1, 0, 0.5, 0, 0, 1]), dims: [1, 3, 1, 2] });
    expect(Array.from(f01.data)).toEqual([255, 128, 0, 255, 0, 0, 255, 255]);
  });

  it('report NaN or infinity instead of showing black', () => {
    expect(() => outputImage({ type: 'float32', data: Float32Array.from([NaN, 0, 0, 0, 0, 0]), dims: [1, 3, 1, 2] })).toThrow(/NaN/);
    expect(() => outputImage({ type: 'float32', data: Float32Array.from([0, 0, 0, 0, 0, -Infinity]), dims: [1, 3, 1, 2] })).toThrow(/infinity/);
  });

  it('turn a float output into pixels in its own buffer, the same pixels as a copy gives', () => {
    const values = Float32Array.from({ length: 3 * 64 }, (_, i) => (i * 37) % 256);
    const own = values.slice();
    const inPlace = outputImage({ type: 'float32', data: own, dims: [1, 3, 8, 8] });
    expect(inPlace.data.buffer).toBe(own.buffer);
    // A view into a bigger buffer does not own it: the pixels go to a new array.
    const shared = new Float32Array(values.length + 4);
    shared.set(values, 4);
    const copied = outputImage({ type: 'float32', data: shared.subarray(4), dims: [1, 3, 8, 8] });
    expect(copied.data.buffer).not.toBe(shared.buffer);
    expect(Array.from(inPlace.data)).toEqual(Array.from(copied.data));
    expect(Array.from(inPlace.data.subarray(0, 8))).toEqual([0, 64, 128, 255, 37, 101, 165, 255]);
  });

  it('reuse their input buffers from one call to the next', () => {
    const scratch = new Scratch();
    const first = removerInputs('lama', lama, image, mask, scratch);
    const again = removerInputs('lama', lama, { ...image, data: Uint8ClampedArray.from([255, 255, 255, 255, 0, 0, 0, 255]) }, { ...mask, data: Uint8Array.from([0, 0]) }, scratch);
    expect(again.image.data).toBe(first.image.data);
    expect(Array.from(again.image.data)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(again.mask.data)).toEqual([0, 0]);
  });
});

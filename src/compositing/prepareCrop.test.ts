import { describe, expect, it } from 'vitest';
import { createImage } from '../image/rgba';
import { prepareCrop } from './prepareCrop';

function photo(width: number, height: number) {
  const image = createImage(width, height);
  for (let i = 0; i < width * height; i++) image.data.set([i % 251, (i * 7) % 253, 40, 255], i * 4);
  return image;
}

describe('prepareCrop', () => {
  it('cuts the mask\'s box plus padding, at the engine\'s size', () => {
    const mask = { width: 100, height: 80, data: new Uint8Array(8000) };
    for (let y = 30; y < 40; y++) mask.data.fill(255, y * 100 + 40, y * 100 + 60);
    const crop = prepareCrop(photo(100, 80), mask, { feather: 0, inpaintArea: 'masked', padding: 5 }, { multipleOf: 8 });
    expect(crop.plan.crop).toEqual({ x: 35, y: 25, width: 30, height: 20 });
    expect([crop.image.width % 8, crop.image.height % 8]).toEqual([0, 0]);
    expect(crop.mask && [crop.mask.width, crop.mask.height]).toEqual([crop.image.width, crop.image.height]);
    expect(crop.pasteMask.data).toEqual(mask.data);
  });

  it('feathers the paste-back mask', () => {
    const mask = { width: 64, height: 64, data: new Uint8Array(64 * 64) };
    for (let y = 16; y < 48; y++) mask.data.fill(255, y * 64 + 16, y * 64 + 48);
    const crop = prepareCrop(photo(64, 64), mask, { feather: 4, inpaintArea: 'whole', padding: 0 }, { multipleOf: 1 });
    const greys = crop.pasteMask.data.filter((v) => v > 0 && v < 255).length;
    expect(greys).toBeGreaterThan(100);
  });

  it('feathers wholly outside the mask when asked (a remover): every painted pixel is replaced', () => {
    const mask = { width: 64, height: 64, data: new Uint8Array(64 * 64) };
    for (let y = 16; y < 48; y++) mask.data.fill(255, y * 64 + 16, y * 64 + 48);
    const centred = prepareCrop(photo(64, 64), mask, { feather: 4, inpaintArea: 'whole', padding: 0 }, { multipleOf: 1 });
    const outside = prepareCrop(photo(64, 64), mask, { feather: 4, inpaintArea: 'whole', padding: 0, featherOutside: true }, { multipleOf: 1 });
    const paintedBelow255 = (data: Uint8Array) => data.filter((v, i) => mask.data[i] > 0 && v < 255).length;
    expect(paintedBelow255(centred.pasteMask.data)).toBeGreaterThan(50);
    expect(paintedBelow255(outside.pasteMask.data)).toBe(0);
    expect(outside.pasteMask.data.filter((v, i) => mask.data[i] === 0 && v > 0 && v < 255).length).toBeGreaterThan(100);
    // The engine gets the same mask it is pasted back through.
    expect(outside.mask?.data).toEqual(outside.pasteMask.data);
  });

  it('sends the whole picture with no mask when the mask is empty: image to image, all replaced', () => {
    const original = photo(40, 30);
    const crop = prepareCrop(original, { width: 40, height: 30, data: new Uint8Array(1200) }, { feather: 4, inpaintArea: 'masked', padding: 8 }, { multipleOf: 8 });
    expect(crop.mask).toBeNull();
    expect(crop.plan.crop).toEqual({ x: 0, y: 0, width: 40, height: 30 });
    expect([crop.image.width, crop.image.height]).toEqual([40, 32]);
    expect(crop.pasteMask.data.every((v) => v === 255)).toBe(true);
  });
});

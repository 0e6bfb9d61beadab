import { describe, expect, it } from 'vitest';
import { compositeResult } from '../../compositing/composite';
import { pasteBack } from '../../compositing/pasteBack';
import { prepareCrop } from '../../compositing/prepareCrop';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { fillHole } from '../../remover/patchMatch';
import { holeForFill, keepOutsideMask, RIM_PX } from './hole';
import { meta } from './meta';

const W = 96, H = 96, CX = 48, CY = 48, R = 14;

/** A light textured background with a dark disc (a marker seen end on) whose anti-aliased rim reaches 2 px past R. */
function photoWithObject(): RgbaImage {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const background = 190 + ((x * 7 + y * 13) % 5) * 8;
      const d = Math.hypot(x + 0.5 - CX, y + 0.5 - CY);
      const cover = d <= R ? 1 : d < R + 2 ? 1 - (d - R) / 2 : 0;
      const v = Math.round(20 * cover + background * (1 - cover));
      data.set([v, v, v, 255], (y * W + x) * 4);
    }
  }
  return { width: W, height: H, data };
}

/** What the user paints: the disc itself, snug (the rim left out). */
function snugMask(): Mask {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (Math.hypot(x + 0.5 - CX, y + 0.5 - CY) <= R) data[y * W + x] = 255;
  return { width: W, height: H, data };
}

const grey = (image: RgbaImage, i: number) => image.data[i * 4];

describe('holeForFill', () => {
  it('makes up everywhere the feathered mask reaches, and a rim of RIM_PX past it', () => {
    const mask: Mask = { width: 20, height: 1, data: new Uint8Array(20) };
    mask.data.set([255, 200, 90, 1], 8); // x 8-11: painted, then the soft edge
    const hole = holeForFill(mask);
    const filled = [...hole.data].map((v, x) => (v ? x : -1)).filter((x) => x >= 0);
    expect(filled).toEqual(Array.from({ length: 4 + 2 * RIM_PX }, (_, k) => 8 - RIM_PX + k));
    expect(hole.data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(holeForFill(mask, 0).data).toEqual(mask.data.map((v) => (v > 0 ? 255 : 0)));
  });

  it('grows round, by distance', () => {
    const mask: Mask = { width: 21, height: 21, data: new Uint8Array(21 * 21) };
    mask.data[10 * 21 + 10] = 40;
    const hole = holeForFill(mask, 3);
    for (let y = 0; y < 21; y++) {
      for (let x = 0; x < 21; x++) expect(hole.data[y * 21 + x]).toBe(Math.hypot(x - 10, y - 10) <= 3 ? 255 : 0);
    }
  });
});

describe('the remover leaves no ghost of what it removes', () => {
  it.each([4, 0])('neither under the soft edge nor from the rim just past a snug mask (feather %i)', (feather) => {
    const original = photoWithObject();
    const crop = prepareCrop(original, snugMask(), { feather, inpaintArea: 'whole', padding: 0, featherOutside: meta.featherOutside }, meta.sizeRules);
    const mask = crop.mask!;
    const fill = keepOutsideMask(fillHole(crop.image, holeForFill(mask), { seed: 7 }), crop.image, mask);
    const out = compositeResult(original, fill, crop.plan.crop, crop.pasteMask);
    // With a feather the rim is blended away too; without one it lies outside the mask and stays.
    const gone = feather > 0 ? R + 2 : R;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        if (Math.hypot(x + 0.5 - CX, y + 0.5 - CY) < gone) expect(grey(out, i)).toBeGreaterThan(170);
        // Where the paste mask is 0, the photo byte for byte.
        if (crop.pasteMask.data[i] === 0) for (let c = 0; c < 4; c++) expect(out.data[i * 4 + c]).toBe(original.data[i * 4 + c]);
      }
    }
  });

  it('whereas a feather centred on the mask\'s edge lets the object show through (the ghost it fixes)', () => {
    const original = photoWithObject();
    const crop = prepareCrop(original, snugMask(), { feather: 4, inpaintArea: 'whole', padding: 0 }, meta.sizeRules);
    const white = { ...original, data: new Uint8ClampedArray(original.data.length).fill(255) };
    const out = pasteBack(original, white, crop.plan.crop, crop.pasteMask);
    const painted = snugMask().data;
    let darkest = 255;
    for (let i = 0; i < W * H; i++) if (painted[i]) darkest = Math.min(darkest, grey(out, i));
    expect(darkest).toBeLessThan(170);
  });
});

describe('fill blending only over the feathered band', () => {
  it('the photo where the mask is 0, the fill where it is 255, in between on the greys', () => {
    const original = photoWithObject();
    const mask: Mask = { width: W, height: H, data: new Uint8Array(W * H) };
    for (let i = 0; i < mask.data.length; i++) mask.data[i] = (i % W) * 3 > 255 ? 255 : (i % W) * 3; // 0 .. 255 across
    const fill: RgbaImage = { width: W, height: H, data: new Uint8ClampedArray(W * H * 4).fill(255) };
    for (let i = 0; i < W * H; i++) fill.data[i * 4] = 0; // cyan: red 0, the rest 255
    const engineOut = keepOutsideMask(fill, original, mask);
    const out = pasteBack(original, engineOut, { x: 0, y: 0, width: W, height: H }, mask);
    let greys = 0;
    for (let i = 0; i < W * H; i++) {
      const m = mask.data[i];
      for (let c = 0; c < 4; c++) {
        const o = original.data[i * 4 + c], f = c === 0 ? 0 : 255, v = out.data[i * 4 + c];
        if (m === 0) expect(v).toBe(o);
        else if (m === 255) expect(v).toBe(f);
        else {
          expect(v).toBeGreaterThanOrEqual(Math.min(o, f));
          expect(v).toBeLessThanOrEqual(Math.max(o, f));
        }
      }
      if (m > 0 && m < 255) {
        greys++;
        expect(out.data[i * 4]).toBeLessThan(original.data[i * 4]); // moved towards the fill's red 0
      }
    }
    expect(greys).toBeGreaterThan(1000);
  });

  it('keepOutsideMask rejects images of another size', () => {
    const a: RgbaImage = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    const b: RgbaImage = { width: 3, height: 2, data: new Uint8ClampedArray(24) };
    expect(() => keepOutsideMask(a, b, { width: 2, height: 2, data: new Uint8Array(4) })).toThrow(RangeError);
  });
});

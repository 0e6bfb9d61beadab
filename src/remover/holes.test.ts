import { describe, expect, it } from 'vitest';
import { fillCrops, holePieces } from './crops';
import { makeHoles } from './holes';
import { rectMask } from './testImages';

const coverage = (data: Uint8Array) => data.reduce((n, v) => n + (v ? 1 : 0), 0) / data.length;

describe('makeHoles', () => {
  for (const kind of ['strokes', 'blobs'] as const) {
    for (const wanted of [0.02, 0.05, 0.1]) {
      it(`covers ${wanted * 100}% with ${kind}`, () => {
        const mask = makeHoles(300, 200, { coverage: wanted, seed: 3, kind });
        expect(coverage(mask.data)).toBeCloseTo(wanted, 2);
        expect(mask.data.every((v) => v === 0 || v === 255)).toBe(true);
      });
    }
    it(`draws the same ${kind} for the same seed and others for another`, () => {
      const a = makeHoles(200, 200, { coverage: 0.05, seed: 1, kind });
      expect(makeHoles(200, 200, { coverage: 0.05, seed: 1, kind }).data).toEqual(a.data);
      expect(makeHoles(200, 200, { coverage: 0.05, seed: 2, kind }).data).not.toEqual(a.data);
    });
  }
});

describe('makeHoles blobs', () => {
  it('draws as many blobs as asked', () => {
    const one = makeHoles(400, 300, { coverage: 0.05, seed: 1, kind: 'blobs', blobs: 1 });
    expect(holePieces(one)).toHaveLength(1);
    expect(coverage(one.data)).toBeCloseTo(0.05, 2);
  });
});

describe('fillCrops', () => {
  it('gives far-apart holes their own crops and merges close ones', () => {
    const mask = rectMask(1000, 400, 10, 10, 10, 10);
    mask.data.fill(255, 300 * 1000 + 900, 300 * 1000 + 910);
    expect(fillCrops(mask)).toHaveLength(2);
    mask.data.fill(255, 10 * 1000 + 100, 10 * 1000 + 110);
    const crops = fillCrops(mask);
    expect(crops).toHaveLength(2);
    expect(crops[0]).toEqual({ x: 0, y: 0, width: 174, height: 84 });
  });
});

/**
 * MobileSAM in the worker's runner (src/engines/local/segmentation/samRunner.ts) on the tiny
 * generated pair with onnxruntime-node: the same code the worker runs on onnxruntime-web. The
 * tiny decoder answers a disc of radius 0.15 x the longest side around each positive click,
 * minus one around each negative click (README.md), so a right pipeline gives that mask.
 */
import * as ort from 'onnxruntime-node';
import { describe, expect, it, vi } from 'vitest';
import type { RgbaImage } from '../../src/image/rgba';
import { SAM_DECODER_FILE, SAM_ENCODER_FILE, type SamPoint } from '../../src/engines/local/segmentation/sam';
import { SamRunner, type SamSession } from '../../src/engines/local/segmentation/samRunner';
import { buildTestModels } from './index';

vi.setConfig({ testTimeout: 60_000 });

const models = buildTestModels();
const files = { encoder: new Blob([models.get(SAM_ENCODER_FILE)! as Uint8Array<ArrayBuffer>]), decoder: new Blob([models.get(SAM_DECODER_FILE)! as Uint8Array<ArrayBuffer>]) };

/** A runner whose sessions record every run's feeds. */
function runner() {
  const runs: { graph: 'encoder' | 'decoder'; feeds: Record<string, ort.Tensor> }[] = [];
  let made = 0;
  const sam = new SamRunner(ort as never, async (graph) => {
    const session = await ort.InferenceSession.create(new Uint8Array(await graph.arrayBuffer()), { intraOpNumThreads: 1 });
    const which = made++ % 2 === 0 ? 'encoder' : 'decoder';
    return {
      inputNames: session.inputNames,
      outputNames: session.outputNames,
      release: () => session.release(),
      run: (feeds: Record<string, ort.Tensor>) => {
        runs.push({ graph: which, feeds });
        return session.run(feeds);
      },
    } as unknown as SamSession;
  });
  return { sam, runs };
}

function photo(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, (i * 13) % 256, (i * 3) % 256, 255], i * 4);
  return { width, height, data };
}

/** Pixels that disagree with `inside`, except within `band` px of the circles' edges, where the decoder's interpolation decides. */
function wrongPixels(mask: Uint8Array, width: number, height: number, points: SamPoint[], band = 2) {
  const radius = 0.15 * Math.max(width, height);
  let wrong = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = points.map((p) => Math.hypot(x + 0.5 - p.x, y + 0.5 - p.y));
      if (d.some((v) => Math.abs(v - radius) < band)) continue;
      const inside = points.some((p, i) => p.positive && d[i] < radius) && !points.some((p, i) => !p.positive && d[i] < radius);
      if ((mask[y * width + x] === 255) !== inside) wrong++;
    }
  }
  return wrong;
}

const read = (image: RgbaImage) => async () => image;

describe('SamRunner on the tiny MobileSAM pair', () => {
  const width = 300;
  const height = 200;
  const positive = { x: 120, y: 100, positive: true };
  const negative = { x: 170, y: 100, positive: false };

  it('embeds a photo once and answers each click with the decoder alone, the previous mask fed back', async () => {
    const { sam, runs } = runner();
    const stages: string[] = [];
    let reads = 0;
    const image = photo(width, height);
    const readImage = async () => (reads++, image);
    expect(sam.has('m', 'photo-1')).toBe(false);
    await sam.embed('m', files, 'photo-1', readImage, (stage) => stages.push(stage));
    await sam.embed('m', files, 'photo-1', readImage, (stage) => stages.push(stage));
    expect(sam.has('m', 'photo-1')).toBe(true);
    expect(reads).toBe(1);
    expect(stages).toEqual(['loading', 'reading', 'encoding', 'loading']);
    expect(runs.map((r) => r.graph)).toEqual(['encoder']);
    // The longest side 1024: 300 x 200 -> 1024 x 683, as [h, w, 3].
    expect(runs[0].feeds.input_image.dims).toEqual([683, 1024, 3]);

    const first = (await sam.decode('m', 'photo-1', [positive], null))!;
    expect(first.mask.length).toBe(width * height);
    expect(wrongPixels(first.mask, width, height, [positive])).toBe(0);
    expect(first.area).toBe(first.mask.filter((v) => v === 255).length);
    expect(first.area).toBeCloseTo(Math.PI * 45 ** 2, -2);
    expect(first.outline.length).toBe(1);

    const second = (await sam.decode('m', 'photo-1', [positive, negative], first.lowRes))!;
    expect(wrongPixels(second.mask, width, height, [positive, negative])).toBe(0);
    expect(second.area).toBeLessThan(first.area);
    expect(runs.map((r) => r.graph)).toEqual(['encoder', 'decoder', 'decoder']);

    const [, one, two] = runs.map((r) => r.feeds);
    expect(Array.from(one.has_mask_input.data as Float32Array)).toEqual([0]);
    expect(Array.from(two.has_mask_input.data as Float32Array)).toEqual([1]);
    expect(Array.from(two.mask_input.data as Float32Array).every((v, i) => v === first.lowRes[i])).toBe(true);
    expect(Array.from(two.point_labels.data as Float32Array)).toEqual([1, 0, -1]);
    expect(Array.from(two.orig_im_size.data as Float32Array)).toEqual([200, 300]);
    // The decoder gets the encoder's embedding.
    expect(two.image_embeddings.dims).toEqual([1, 256, 64, 64]);
    expect((two.image_embeddings.data as Float32Array).some((v) => v !== 0)).toBe(true);
  });

  it('says so when a photo has no kept embedding, and keeps the last two', async () => {
    const { sam, runs } = runner();
    expect(await sam.decode('m', 'photo-1', [positive], null)).toBeNull();
    for (const key of ['a', 'b', 'c']) await sam.embed('m', files, key, read(photo(64, 48)), () => {});
    expect(await sam.decode('m', 'a', [positive], null)).toBeNull();
    expect(await sam.decode('m', 'c', [{ x: 32, y: 24, positive: true }], null)).not.toBeNull();
    expect(sam.has('m', 'b')).toBe(true);
    // Released sessions are made again on the next embed; the embedding itself is kept.
    await sam.release('m');
    expect(sam.has('m', 'b')).toBe(false);
    await sam.embed('m', files, 'b', read(photo(64, 48)), () => {});
    expect(runs.filter((r) => r.graph === 'encoder')).toHaveLength(3);
  });

  it('refuses a decoder without the outputs it needs', async () => {
    const { sam } = runner();
    const wrong = { encoder: files.encoder, decoder: files.encoder };
    await expect(sam.embed('x', wrong, 'p', read(photo(8, 8)), () => {})).rejects.toThrow(/low_res_masks/);
  });
});

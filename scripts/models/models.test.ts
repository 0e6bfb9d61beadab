/**
 * The generated test models keep the real models' contract and behave as README.md says, on
 * onnxruntime-node and (removers, segmentation) on onnxruntime-web's wasm backend in Node.
 * The diffusion folders: diffusionModels.test.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256, writeTestModels, type ManifestEntry } from './index';
import { SAM_LOGIT_SCALE, U2NETP_OUTPUTS } from './segmentation';
import { contract, data, f32, file, modelPath, open, runtimes, same, withTestModels, type Session } from './testModels';

withTestModels();

describe('generate', () => {
  it('writes every file with a manifest of sizes and SHA-256, and leaves up-to-date files alone', () => {
    const listed: ManifestEntry[] = JSON.parse(readFileSync(modelPath('manifest.json'), 'utf8')).files;
    expect(listed.map((f) => f.path)).toContain('sd-inpaint/unet/model.onnx_data');
    for (const entry of listed) {
      const bytes = file(entry.path);
      expect(bytes.length).toBe(entry.bytes);
      expect(sha256(bytes)).toBe(entry.sha256);
    }
    expect(writeTestModels(modelPath())).toEqual({ written: [], unchanged: listed.length + 1, removed: [] });
  });
});

describe.each(runtimes)('removers on %s', (_, ort) => {
  it('MI-GAN-shaped fills the hole (mask 0) with (40, 200, 90) and keeps the rest, at any size', async () => {
    const s = await open(ort, 'migan_pipeline_v2.onnx');
    expect(contract(s)).toEqual({
      inputs: [
        ['image', 'uint8', ['batch', 3, 'height', 'width']],
        ['mask', 'uint8', ['batch', 1, 'height', 'width']],
      ],
      outputs: [['result', 'uint8', ['batch', 3, 'height', 'width']]],
    });
    const [h, w] = [24, 40];
    const image = Uint8Array.from({ length: 3 * h * w }, (_, i) => i % 251);
    const mask = new Uint8Array(h * w).fill(255);
    mask[5 * w + 7] = 0;
    const r = await s.run({ image: new ort.Tensor('uint8', image, [1, 3, h, w]), mask: new ort.Tensor('uint8', mask, [1, 1, h, w]) });
    const out = r.result.data as Uint8Array;
    expect(r.result.dims).toEqual([1, 3, h, w]);
    const hole = 5 * w + 7;
    expect([out[hole], out[h * w + hole], out[2 * h * w + hole]]).toEqual([40, 200, 90]);
    out[hole] = image[hole];
    out[h * w + hole] = image[h * w + hole];
    out[2 * h * w + hole] = image[2 * h * w + hole];
    expect(same(out, image)).toBe(true);
  });

  it('LaMa-shaped: 512 only, [0,1] in, [0,255] out, the hole (mask 1) is (200, 60, 120)', async () => {
    const s = await open(ort, 'lama_fp32.onnx');
    expect(contract(s)).toEqual({
      inputs: [
        ['image', 'float32', [1, 3, 512, 512]],
        ['mask', 'float32', [1, 1, 512, 512]],
      ],
      outputs: [['output', 'float32', [1, 3, 512, 512]]],
    });
    const n = 512 * 512;
    const mask = new Float32Array(n);
    mask[100] = 1;
    const r = await s.run({ image: f32(ort, new Float32Array(3 * n).fill(0.5), [1, 3, 512, 512]), mask: f32(ort, mask, [1, 1, 512, 512]) });
    const out = data(r.output);
    expect([out[100], out[n + 100], out[2 * n + 100]]).toEqual([200, 60, 120]);
    expect([out[101], out[n + 101], out[2 * n + 101]]).toEqual([127.5, 127.5, 127.5]);
  });
});

/** A dark grey image (60) with a bright (230) square [top, top + size) x [left, left + size), planar RGB 0-255. */
function squareImage(side: number, top: number, left: number, size: number): Float32Array {
  const px = new Float32Array(3 * side * side).fill(60);
  for (let c = 0; c < 3; c++) for (let y = top; y < top + size; y++) px.fill(230, c * side * side + y * side + left, c * side * side + y * side + left + size);
  return px;
}

describe.each(runtimes)('segmentation on %s', (_, ort) => {
  it('ISNet-shaped: x/255 - 0.5 at 1024, 12 outputs, output 0 a sigmoid map of the bright square', async () => {
    const s = await open(ort, 'isnet-general-use.onnx');
    const c = contract(s);
    expect(c.inputs).toEqual([['input_image', 'float32', [1, 3, 1024, 1024]]]);
    expect(c.outputs).toHaveLength(12);
    expect(c.outputs[0]).toEqual(['output_image', 'float32', [1, 1, 1024, 1024]]);
    const input = squareImage(1024, 256, 512, 256).map((v) => v / 255 - 0.5);
    const r = await s.run({ input_image: f32(ort, input, [1, 3, 1024, 1024]) });
    const map = data(r[s.outputNames[0]]);
    expect(map[300 * 1024 + 600]).toBeGreaterThan(0.99);
    expect(map[100 * 1024 + 100]).toBeLessThan(0.01);
    expect(map[300 * 1024 + 500]).toBeLessThan(0.01);
  });

  it('U-2-Netp-shaped: ImageNet-normalised at 320, 7 sigmoid maps, output 0 the bright square', async () => {
    const s = await open(ort, 'u2netp.onnx');
    const c = contract(s);
    expect(c.inputs).toEqual([['input.1', 'float32', [1, 3, 320, 320]]]);
    expect(c.outputs).toEqual(U2NETP_OUTPUTS.map((name) => [name, 'float32', [1, 1, 320, 320]]));
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const raw = squareImage(320, 40, 200, 80);
    const input = raw.map((v, i) => (v / 255 - mean[Math.floor(i / (320 * 320))]) / std[Math.floor(i / (320 * 320))]);
    const r = await s.run({ 'input.1': f32(ort, input, [1, 3, 320, 320]) });
    const map = data(r[s.outputNames[0]]);
    expect(map[60 * 320 + 240]).toBeGreaterThan(0.99);
    expect(map[200 * 320 + 100]).toBeLessThan(0.01);
    const softer = data(r[s.outputNames[6]]);
    expect(softer[60 * 320 + 240]).toBeGreaterThan(0.5);
    expect(softer[60 * 320 + 240]).toBeLessThan(map[60 * 320 + 240]);
  });

  it('MobileSAM encoder-shaped: [h, w, 3] 0-255 with the longest side 1024 -> [1,256,64,64], the padding 0', async () => {
    const s = await open(ort, 'mobile_sam_image_encoder.onnx');
    expect(contract(s)).toEqual({
      inputs: [['input_image', 'float32', ['image_height', 'image_width', 3]]],
      outputs: [['image_embeddings', 'float32', [1, 256, 64, 64]]],
    });
    const embed = async (h: number, w: number, value: number) => {
      const r = await s.run({ input_image: f32(ort, new Float32Array(h * w * 3).fill(value), [h, w, 3]) });
      expect(r.image_embeddings.dims).toEqual([1, 256, 64, 64]);
      return data(r.image_embeddings);
    };
    const dark = await embed(512, 1024, 0);
    const light = await embed(512, 1024, 255);
    expect(dark[10 * 64 + 10]).not.toBeCloseTo(light[10 * 64 + 10], 2);
    // Rows 32-63 are padding: 0 once normalised.
    expect(dark[50 * 64 + 10]).toBe(0);
    expect(light[50 * 64 + 10]).toBe(0);
    const portrait = await embed(1024, 683, 255);
    expect(portrait[10 * 64 + 10]).toBeCloseTo(light[10 * 64 + 10], 4);
    expect(portrait[10 * 64 + 60]).toBe(0);
  });

  describe('SAM decoder-shaped', () => {
    let s: Session;
    beforeAll(async () => {
      s = await open(ort, 'sam_mask_decoder_single.onnx');
    });
    const [H, W] = [600, 800];
    const scale = 1024 / Math.max(H, W);
    const decode = async (points: [number, number, number][], mask?: Float32Array, size: [number, number] = [H, W]) => {
      const k = 1024 / Math.max(...size);
      const r = await s.run({
        image_embeddings: f32(ort, new Float32Array(256 * 64 * 64), [1, 256, 64, 64]),
        point_coords: f32(ort, points.flatMap(([x, y]) => [x * k, y * k]), [1, points.length, 2]),
        point_labels: f32(ort, points.map((p) => p[2]), [1, points.length]),
        mask_input: f32(ort, mask ?? new Float32Array(256 * 256), [1, 1, 256, 256]),
        has_mask_input: f32(ort, [mask ? 1 : 0], [1]),
        orig_im_size: f32(ort, size, [2]),
      });
      return { masks: data(r.masks), dims: r.masks.dims, iou: data(r.iou_predictions), iouDims: r.iou_predictions.dims, low: data(r.low_res_masks), lowDims: r.low_res_masks.dims };
    };
    const inside = (m: Float32Array, x: number, y: number, w = W) => m[y * w + x] > 0;

    it("has Meta's decoder contract", () => {
      expect(contract(s)).toEqual({
        inputs: [
          ['image_embeddings', 'float32', [1, 256, 64, 64]],
          ['point_coords', 'float32', [1, 'num_points', 2]],
          ['point_labels', 'float32', [1, 'num_points']],
          ['mask_input', 'float32', [1, 1, 256, 256]],
          ['has_mask_input', 'float32', [1]],
          ['orig_im_size', 'float32', [2]],
        ],
        outputs: [
          ['masks', 'float32', [1, 1, 'orig_height', 'orig_width']],
          ['iou_predictions', 'float32', [1, 1]],
          ['low_res_masks', 'float32', [1, 1, 256, 256]],
        ],
      });
    });

    it('gives a disc of radius 0.15 x max(H, W) around a positive click, at the original size', async () => {
      const r = await decode([
        [400, 300, 1],
        [0, 0, -1],
      ]);
      expect(r.dims).toEqual([1, 1, H, W]);
      expect(r.lowDims).toEqual([1, 1, 256, 256]);
      expect(r.iouDims).toEqual([1, 1]);
      expect(r.iou[0]).toBeGreaterThan(0.8);
      const radius = 0.15 * W;
      for (const [dx, dy] of [[1, 0], [0, 1], [-1, 0], [0.6, -0.8]]) {
        expect(inside(r.masks, Math.round(400 + dx * (radius - 4)), Math.round(300 + dy * (radius - 4)))).toBe(true);
        expect(inside(r.masks, Math.round(400 + dx * (radius + 4)), Math.round(300 + dy * (radius + 4)))).toBe(false);
      }
      // The low-res mask is in the padded 1024 frame (256 cells of 4 px).
      expect(r.low[Math.floor((300 * scale) / 4) * 256 + Math.floor((400 * scale) / 4)]).toBeCloseTo(SAM_LOGIT_SCALE, 0);
    });

    it('cuts a disc around a negative click, and the pad point changes nothing', async () => {
      const cut = await decode([
        [400, 300, 1],
        [520, 300, 0],
        [0, 0, -1],
      ]);
      expect(inside(cut.masks, 340, 300)).toBe(true);
      expect(inside(cut.masks, 420, 300)).toBe(false);
      expect(inside(cut.masks, 400, 200)).toBe(true);
      const noPad = await decode([
        [400, 300, 1],
        [520, 300, 0],
      ]);
      expect(same(noPad.masks, cut.masks)).toBe(true);
      expect(same(noPad.low, cut.low)).toBe(true);
    });

    it('unites the fed-back mask (has_mask_input 1) with the clicks, and ignores it otherwise', async () => {
      const first = await decode([
        [150, 150, 1],
        [0, 0, -1],
      ]);
      const next = await decode(
        [
          [600, 400, 1],
          [0, 0, -1],
        ],
        first.low,
      );
      expect(inside(next.masks, 150, 150)).toBe(true);
      expect(inside(next.masks, 600, 400)).toBe(true);
      const without = await decode([
        [600, 400, 1],
        [0, 0, -1],
      ]);
      expect(inside(without.masks, 150, 150)).toBe(false);
      const none = await decode([[0, 0, -1]]);
      expect(none.masks.every((v) => v < 0)).toBe(true);
      expect(none.iou[0]).toBeLessThan(0.01);
    });

    it('works for any photo size (portrait 900 x 500)', async () => {
      const r = await decode(
        [
          [250, 450, 1],
          [0, 0, -1],
        ],
        undefined,
        [900, 500],
      );
      expect(r.dims).toEqual([1, 1, 900, 500]);
      expect(inside(r.masks, 250, 450 + 125, 500)).toBe(true);
      expect(inside(r.masks, 250, 450 + 145, 500)).toBe(false);
    });
  });
});

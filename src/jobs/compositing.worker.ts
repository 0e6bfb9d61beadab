import * as Comlink from 'comlink';
import { colourMatch } from '../compositing/colourMatch';
import { cropImage, cropMask, planCrop, planWholeImage, resizeImage, type CropPlan } from '../compositing/cropToMask';
import { pasteBack } from '../compositing/pasteBack';
import type { EngineSizeRules, RgbaImage } from '../engines/contract';
import { featherMask, maskBounds, scaleMask } from '../mask';
import type { Mask } from '../mask/types';
import type { JobParams } from './params';

interface PreparedJob {
  original: RgbaImage;
  /** Full size, feathered: the paste-back weights. */
  mask: Mask;
  plan: CropPlan;
}

export interface FinishedImage {
  /** Full resolution, lossless: what Download re-encodes and "Use as input" opens. */
  full: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
}

const THUMBNAIL_SIDE = 256;
const prepared = new Map<string, PreparedJob>();

function pixelsOf(bitmap: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return { width: bitmap.width, height: bitmap.height, data };
}

async function encode(image: RgbaImage, maxSide = Infinity): Promise<Blob> {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height));
  const source = new OffscreenCanvas(image.width, image.height);
  source.getContext('2d')!.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  if (scale === 1) return source.convertToBlob({ type: 'image/png' });
  const small = new OffscreenCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  const ctx = small.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, small.width, small.height);
  return small.convertToBlob({ type: 'image/webp', quality: 0.85 });
}

/**
 * The work around an engine run, off the main thread: before it, feather the mask and cut
 * the crop the engine gets; after it, scale each result back, colour-match it and paste it
 * into the full-resolution original, where pixels outside the mask stay byte for byte.
 */
const api = {
  prepare(id: string, bitmap: ImageBitmap, hardMask: Mask, params: JobParams, rules: EngineSizeRules) {
    const original = pixelsOf(bitmap);
    bitmap.close();
    const { width, height } = original;
    const feathered = params.feather > 0 ? featherMask(hardMask.data, width, height, params.feather) : hardMask.data;
    const mask = { width, height, data: feathered };
    const bounds = maskBounds(mask) ?? { x: 0, y: 0, width, height };
    const plan =
      params.inpaintArea === 'masked'
        ? planCrop({ width, height }, bounds, params.padding, rules)
        : planWholeImage({ width, height }, rules);
    prepared.set(id, { original, mask, plan });

    const { crop, outputWidth, outputHeight } = plan;
    const image = resizeImage(cropImage(original, crop), outputWidth, outputHeight);
    const cut = cropMask(mask, crop);
    const engineMask = { width: outputWidth, height: outputHeight, data: scaleMask(cut.data, cut.width, cut.height, outputWidth, outputHeight) };
    return Comlink.transfer({ image, mask: engineMask, crop }, [image.data.buffer, engineMask.data.buffer]);
  },

  async finish(id: string, images: RgbaImage[], options: { colourMatch: boolean }): Promise<FinishedImage[]> {
    const job = prepared.get(id);
    if (!job) throw new Error('The job was discarded before it finished.');
    const { original, mask, plan } = job;
    const finished: FinishedImage[] = [];
    for (const image of images) {
      let result = image.width === plan.crop.width && image.height === plan.crop.height ? image : resizeImage(image, plan.crop.width, plan.crop.height);
      if (options.colourMatch) result = colourMatch(result, original, mask, plan.crop);
      const composed = pasteBack(original, result, plan.crop, mask);
      finished.push({
        full: await encode(composed),
        thumbnail: await encode(composed, THUMBNAIL_SIDE),
        width: composed.width,
        height: composed.height,
      });
    }
    return finished;
  },

  discard(id: string) {
    prepared.delete(id);
  },
};

export type CompositingWorkerApi = typeof api;
Comlink.expose(api);

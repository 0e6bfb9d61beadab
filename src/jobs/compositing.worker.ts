import * as Comlink from 'comlink';
import { compositeResult } from '../compositing/composite';
import { prepareCrop, type CropOptions } from '../compositing/prepareCrop';
import type { CropPlan } from '../compositing/cropToMask';
import type { EngineSizeRules } from '../compositing/engineSize';
import type { RgbaImage } from '../image/rgba';
import { meanDifferenceInHole } from '../remover/quality';
import type { Mask } from '../mask/types';
import type { CompositorApi, FinishedImage } from './compositor';

interface PreparedJob {
  /** The job's first pasted-back variation: the others say how far they came out from it. */
  first?: RgbaImage;
  original: RgbaImage;
  pasteMask: Mask;
  plan: CropPlan;
  imageToImage: boolean;
}

const THUMBNAIL_SIDE = 256;
const prepared = new Map<string, PreparedJob>();

// The same decoding as the editor's, so the pixels pasted into are the ones the user saw.
const DECODE: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'none' };

async function decode(blob: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob, DECODE);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, data };
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
 * The work around an engine run, off the main thread: before it, decode the photo, feather
 * the mask and cut the crop the engine gets; after it, decode each result if it came
 * encoded and composite it into the full-resolution original (compositing/composite.ts),
 * where pixels outside the mask stay byte for byte.
 */
const api: CompositorApi = {
  async prepare(id: string, photo: Blob, hardMask: Mask, options: CropOptions, rules: EngineSizeRules) {
    const original = await decode(photo);
    if (original.width !== hardMask.width || original.height !== hardMask.height) {
      throw new Error(`The photo decodes at ${original.width}×${original.height}, the mask is ${hardMask.width}×${hardMask.height}.`);
    }
    const crop = prepareCrop(original, hardMask, options, rules);
    prepared.set(id, { original, pasteMask: crop.pasteMask, plan: crop.plan, imageToImage: crop.mask === null });
    const transfers = crop.mask ? [crop.image.data.buffer, crop.mask.data.buffer] : [crop.image.data.buffer];
    return Comlink.transfer({ image: crop.image, mask: crop.mask }, transfers);
  },

  async finish(id: string, result: RgbaImage | Blob, options: { colourMatch: boolean }): Promise<FinishedImage> {
    const job = prepared.get(id);
    if (!job) throw new Error('The job was discarded before it finished.');
    const { original, pasteMask, plan, imageToImage } = job;
    const pixels = result instanceof Blob ? await decode(result) : result;
    // Image to image has no surroundings to match colours to.
    const composed = compositeResult(original, pixels, plan.crop, pasteMask, { colourMatch: options.colourMatch && !imageToImage });
    const differenceFromFirst = job.first ? meanDifferenceInHole(composed, job.first, pasteMask) : undefined;
    job.first ??= composed;
    return {
      differenceFromFirst,
      full: await encode(composed),
      thumbnail: await encode(composed, THUMBNAIL_SIDE),
      width: composed.width,
      height: composed.height,
    };
  },

  discard(id: string) {
    prepared.delete(id);
  },
};

Comlink.expose(api);

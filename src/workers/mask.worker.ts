import * as Comlink from 'comlink';
import { featherMask, featherRegion, fitMask, growMask, maskFromRgba, scaleMask, shrinkMask } from '../mask';
import { subjectToMask, type SubjectMaskOptions } from '../mask/subjectMask';
import type { Mask, Point, Rect } from '../mask/types';

/** Whole-mask operations off the main thread; results are transferred, not copied. */
const api = {
  feather(data: Uint8Array, width: number, height: number, radius: number) {
    const out = featherMask(data, width, height, radius);
    return Comlink.transfer(out, [out.buffer]);
  },
  /** `origin`: where the crop `mask` lies in the image (see featherRegion). */
  featherRegion(mask: Mask, rect: Rect, radius: number, origin: Point) {
    const result = featherRegion(mask, rect, radius, origin);
    return Comlink.transfer(result, [result.data.buffer]);
  },
  grow(mask: Mask, px: number) {
    const out = growMask(mask, px);
    return Comlink.transfer(out, [out.buffer]);
  },
  /** An imported mask picture, as values, at the photo's size: stretched to it, or fitted inside it. */
  maskFromImage(rgba: Uint8ClampedArray, width: number, height: number, toWidth: number, toHeight: number, how: 'stretch' | 'fit') {
    const resize = how === 'fit' ? fitMask : scaleMask;
    const values = resize(maskFromRgba(rgba, width, height), width, height, toWidth, toHeight);
    return Comlink.transfer(values, [values.buffer]);
  },
  /** A subject model's alpha as the subject's or the background's mask (mask/subjectMask.ts). */
  subjectToMask(alpha: Uint8Array, width: number, height: number, options: SubjectMaskOptions) {
    const out = subjectToMask(alpha, width, height, options);
    return Comlink.transfer(out, [out.buffer]);
  },
  shrink(mask: Mask, px: number) {
    const out = shrinkMask(mask, px);
    return Comlink.transfer(out, [out.buffer]);
  },
};

export type MaskWorkerApi = typeof api;
Comlink.expose(api);

import { featherMask, featherOutside, isMaskEmpty, maskBounds, scaleMask, type Mask } from '../mask';
import type { RgbaImage } from '../image/rgba';
import { cropImage, cropMask, planCrop, planWholeImage, resizeImage, type CropPlan } from './cropToMask';
import type { EngineSizeRules } from './engineSize';

export interface CropOptions {
  /** Soft edge of the mask, in image px. */
  feather: number;
  /** 'masked': only the mask's box plus padding goes to the engine. */
  inpaintArea: 'whole' | 'masked';
  padding: number;
  /** The feather goes wholly outside the mask (an engine that removes: EngineMeta.featherOutside). */
  featherOutside?: boolean;
}

export interface PreparedCrop {
  /** What the engine gets: the crop at its size, and the mask scaled alike (null: no mask, image to image). */
  image: RgbaImage;
  mask: Mask | null;
  plan: CropPlan;
  /** Full size, feathered: the paste-back weights (all 255 for image to image). */
  pasteMask: Mask;
}

/**
 * Before an engine runs: feather the mask (centred on its edge, or wholly outside it for a
 * remover) and cut the crop it gets, fitted to its size rules. An empty mask means image to image: the whole picture is sent, and replaced.
 */
export function prepareCrop(original: RgbaImage, hardMask: Mask, options: CropOptions, rules: EngineSizeRules): PreparedCrop {
  const { width, height } = original;
  if (isMaskEmpty(hardMask.data)) {
    const plan = planWholeImage({ width, height }, rules);
    const image = resizeImage(original, plan.outputWidth, plan.outputHeight);
    return { image, mask: null, plan, pasteMask: { width, height, data: new Uint8Array(width * height).fill(255) } };
  }
  const feathered = options.featherOutside
    ? featherOutside(hardMask.data, width, height, options.feather)
    : options.feather > 0
      ? featherMask(hardMask.data, width, height, options.feather)
      : hardMask.data;
  const pasteMask = { width, height, data: feathered };
  const bounds = maskBounds(pasteMask) ?? { x: 0, y: 0, width, height };
  const plan =
    options.inpaintArea === 'masked'
      ? planCrop({ width, height }, bounds, options.padding, rules)
      : planWholeImage({ width, height }, rules);
  const { crop, outputWidth, outputHeight } = plan;
  const image = resizeImage(cropImage(original, crop), outputWidth, outputHeight);
  const cut = cropMask(pasteMask, crop);
  const mask = { width: outputWidth, height: outputHeight, data: scaleMask(cut.data, cut.width, cut.height, outputWidth, outputHeight) };
  return { image, mask, plan, pasteMask };
}

/** The mask raster: pure functions on typed arrays, safe in workers and Node. */
export {
  clipRect,
  createMask,
  isEmptyRect,
  readRegion,
  unionRect,
  writeRegion,
  type Mask,
  type MaskMode,
  type Point,
  type Rect,
} from './types';
export { brushBounds, paintSegment, type BrushOptions } from './brush';
export { fillPolygon, fillRect } from './fill';
export {
  featherMask,
  featherPlan,
  featherReach,
  featherRegion,
  featherScale,
  MAX_FEATHER_RADIUS,
  type FeatherScale,
} from './feather';
export type { BoxPlan } from './featherJob';
export { featherOutside } from './featherOutside';
export { squaredDistanceTo, INSIDE_THRESHOLD, type DistanceTarget } from './distance';
export { growMask, shrinkMask } from './morphology';
export { invertMask, isMaskEmpty, maskBounds, maskCoverage, valueBounds } from './ops';
export { maskFromRgba, maskToGreyRgba, paintOverlay } from './convert';
export { fitMask, fitRect, scaleMask } from './scale';

/** The built-in remover: pure functions on typed arrays, safe in workers and Node. */
export { fillHole } from './patchMatch';
export { teleaFill } from './telea';
export { makeHoles, type HoleOptions } from './holes';
export { coarsePsnrInHole, meanDifferenceInHole, measureFill, psnrInHole, ssimInHole, textureRatio, type Metrics } from './quality';
export { abortError, HOLE_THRESHOLD, type AbortFlag, type FillOptions } from './types';

import * as Comlink from 'comlink';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { fillHole } from '../../remover/patchMatch';
import { holeForFill, keepOutsideMask } from './hole';

let loaded: { image: RgbaImage; mask: Mask; hole: Mask } | null = null;

/** The exemplar fill off the main thread: the crop is sent once, then one fill per seed. */
const api = {
  load(image: RgbaImage, mask: Mask) {
    loaded = { image, mask, hole: holeForFill(mask) };
  },
  fill(seed: number, onProgress: (fraction: number) => void): RgbaImage {
    if (!loaded) throw new Error('fill before load');
    const { image, mask, hole } = loaded;
    const filled = fillHole(image, hole, { seed, onProgress: (done, total) => onProgress(done / total) });
    const result = keepOutsideMask(filled, image, mask);
    return Comlink.transfer(result, [result.data.buffer]);
  },
};

export type RemoverWorkerApi = typeof api;
Comlink.expose(api);

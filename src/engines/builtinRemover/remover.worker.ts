import * as Comlink from 'comlink';
import type { RgbaImage } from '../../image/rgba';
import type { Mask } from '../../mask/types';
import { fillHole } from '../../remover/patchMatch';
import { holeFromMask } from './hole';

let loaded: { image: RgbaImage; hole: Mask } | null = null;

/** The exemplar fill off the main thread: the crop is sent once, then one fill per seed. */
const api = {
  load(image: RgbaImage, mask: Mask) {
    loaded = { image, hole: holeFromMask(mask) };
  },
  fill(seed: number, onProgress: (fraction: number) => void): RgbaImage {
    if (!loaded) throw new Error('fill before load');
    const image = fillHole(loaded.image, loaded.hole, { seed, onProgress: (done, total) => onProgress(done / total) });
    return Comlink.transfer(image, [image.data.buffer]);
  },
};

export type RemoverWorkerApi = typeof api;
Comlink.expose(api);

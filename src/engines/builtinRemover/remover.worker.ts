import * as Comlink from 'comlink';
import { fillHole } from '../../remover/patchMatch';
import type { EngineJob, RgbaImage } from '../contract';

/** The exemplar fill, one variation per seed, off the main thread. */
const api = {
  fill(job: Pick<EngineJob, 'image' | 'mask' | 'seeds'>, onVariation: (done: number, total: number) => void): RgbaImage[] {
    // Fill everywhere the feathered mask reaches, so the soft edge blends fill with fill,
    // not with the removed object.
    const hole = { ...job.mask, data: job.mask.data.map((v) => (v > 0 ? 255 : 0)) };
    const images = job.seeds.map((seed, i) => {
      const image = fillHole(job.image, hole, { seed });
      onVariation(i + 1, job.seeds.length);
      return image;
    });
    return Comlink.transfer(images, images.map((image) => image.data.buffer));
  },
};

export type RemoverWorkerApi = typeof api;
Comlink.expose(api);

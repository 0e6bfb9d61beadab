import * as Comlink from 'comlink';
import { EngineError, type Engine } from '../contract';
import { label, meta } from './meta';
import type { RemoverWorkerApi } from './remover.worker';

/**
 * "Built-in remover": a PatchMatch exemplar fill that needs no download and works
 * offline. Each run gets its own worker, so Cancel ends it at once and frees its memory.
 */
export const builtinRemover: Engine = {
  id: 'builtin-remover',
  label,
  meta: () => meta,
  readiness: async () => ({ ready: true }),

  async run(job, { signal, onProgress, onImage }) {
    if (signal.aborted) throw EngineError.cancelled();
    if (!job.mask) throw new EngineError('invalid-input', 'The built-in remover needs a mask over what to remove.');
    const worker = new Worker(new URL('./remover.worker.ts', import.meta.url), { type: 'module', name: 'remover' });
    const remote = Comlink.wrap<RemoverWorkerApi>(worker);
    const cancelled = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(EngineError.cancelled()), { once: true });
    });
    const count = job.seeds.length;
    try {
      await Promise.race([remote.load(job.image, job.mask), cancelled]);
      for (const [index, seed] of job.seeds.entries()) {
        onProgress({ phase: 'running', fraction: index / count });
        const progress = Comlink.proxy((fraction: number) => onProgress({ phase: 'running', fraction: (index + fraction) / count }));
        const image = await Promise.race([remote.fill(seed, progress), cancelled]);
        onImage({ index, image });
      }
    } finally {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  },
};

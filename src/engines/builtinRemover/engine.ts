import * as Comlink from 'comlink';
import { EngineError, type Engine } from '../contract';
import type { RemoverWorkerApi } from './remover.worker';

/**
 * "Built-in remover": a PatchMatch exemplar fill that needs no download and works
 * offline. Each run gets its own worker, so Cancel ends it at once and frees its memory.
 */
export const builtinRemover: Engine = {
  id: 'builtin-remover',
  label: 'Built-in remover',
  // It fills at the crop's own resolution: no size rules beyond whole pixels.
  sizeRules: { multipleOf: 1 },

  async run(job, { signal, onProgress }) {
    if (signal.aborted) throw EngineError.cancelled();
    const worker = new Worker(new URL('./remover.worker.ts', import.meta.url), { type: 'module', name: 'remover' });
    const remote = Comlink.wrap<RemoverWorkerApi>(worker);
    const cancelled = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(EngineError.cancelled()), { once: true });
    });
    try {
      onProgress({ phase: 'running', step: 0, steps: job.seeds.length });
      const images = await Promise.race([
        remote.fill(
          { image: job.image, mask: job.mask, seeds: job.seeds },
          Comlink.proxy((done: number, total: number) => onProgress({ phase: 'running', step: done, steps: total })),
        ),
        cancelled,
      ]);
      return { images };
    } finally {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    }
  },
};

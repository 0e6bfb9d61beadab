import { describe, expect, it } from 'vitest';
import { EngineError, type EngineProgress } from '../engines/contract';
import { defaultParams } from './params';
import type { JobResult } from './records';
import { runJob, type RunJobInput } from './runJob';
import { fakeCompositor, fakeEngine } from './testEngines';

function input(engine: RunJobInput['engine'], seeds: number[]): RunJobInput {
  return {
    id: 'job',
    engine,
    settings: {},
    photo: new Blob(['photo']),
    mask: { width: 8, height: 8, data: new Uint8Array(64).fill(255) },
    params: { ...defaultParams, prompt: 'a red door', outputFormat: 'jpeg' },
    todo: seeds.map((seed, index) => ({ index, seed })),
  };
}

async function run(engine: RunJobInput['engine'], seeds: number[]) {
  const compositor = fakeCompositor();
  const results: JobResult[] = [];
  const progress: EngineProgress[] = [];
  const controller = new AbortController();
  const remembered: [string, unknown][] = [];
  const callbacks = { signal: controller.signal, onProgress: (p: EngineProgress) => progress.push(p), onVariation: (r: JobResult) => results.push(r), onRemember: (k: string, s: unknown) => remembered.push([k, s]) };
  const summary = runJob(input(engine, seeds), callbacks, compositor);
  return { summary, results, progress, compositor, remembered };
}

describe('runJob', () => {
  it('splits the variations into requests the engine can take, in order', async () => {
    const engine = fakeEngine({ meta: { maxVariationsPerRun: 4 } });
    const { summary, results } = await run(engine, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await summary).toEqual({ missing: 0, cost: undefined });
    expect(engine.requests.map((r) => r.seeds)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    expect(results.map((r) => [r.index, r.seed])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s, i) => [i, s]));
    // Each image was pasted back as its own: the fake compositor keeps the engine's first byte.
    const markers = await Promise.all(results.map(async (r) => new Uint8Array(await r.full.arrayBuffer())[0]));
    expect(markers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives the engine only the parameters it uses', async () => {
    const engine = fakeEngine();
    await (await run(engine, [1])).summary;
    expect(engine.requests[0].params).toMatchObject({ prompt: 'a red door', steps: 25 });
    expect(engine.requests[0].params).not.toHaveProperty('outputFormat');
    expect(engine.requests[0].params).not.toHaveProperty('padding');
  });

  it('feathers outside the mask only for an engine that asks to (a remover)', async () => {
    const plain = await run(fakeEngine(), [1]);
    await plain.summary;
    expect(plain.compositor.options[0]).toMatchObject({ feather: defaultParams.feather, featherOutside: false });
    const remover = await run(fakeEngine({ meta: { featherOutside: true } }), [1]);
    await remover.summary;
    expect(remover.compositor.options[0]).toMatchObject({ feather: defaultParams.feather, featherOutside: true });
  });

  it('counts variations the engine did not return', async () => {
    const engine = fakeEngine({ answer: 1, meta: { maxVariationsPerRun: 2 } });
    const { summary, results } = await run(engine, [1, 2, 3, 4]);
    expect(await summary).toMatchObject({ missing: 2 });
    expect(results.map((r) => r.seed)).toEqual([1, 3]);
  });

  it('delivers what was made before a failure, then fails', async () => {
    const engine = fakeEngine({ failWith: new EngineError('unavailable', 'down'), failAfter: 2 });
    const { summary, results, compositor } = await run(engine, [1, 2, 3]);
    await expect(summary).rejects.toThrow('down');
    expect(results.map((r) => r.seed)).toEqual([1, 2]);
    expect(compositor.discarded).toEqual(['job']);
  });

  it('reports preparing, the engine\'s progress, then finishing', async () => {
    const { summary, progress } = await run(fakeEngine(), [1, 2]);
    await summary;
    expect(progress.map((p) => p.phase)).toEqual(['preparing', 'running', 'running', 'finishing']);
  });

  it('adds up what each request cost', async () => {
    const engine = fakeEngine({ meta: { maxVariationsPerRun: 1 } });
    const run1 = engine.run.bind(engine);
    engine.run = async (job, context) => {
      await run1(job, context);
      return { cost: { amount: 0.01, currency: 'USD' } };
    };
    const { summary } = await run(engine, [1, 2, 3]);
    expect((await summary).cost?.amount).toBeCloseTo(0.03);
  });

  it('hands each request what it remembered before a reload, and keeps what it remembers now', async () => {
    const engine = fakeEngine({ meta: { maxVariationsPerRun: 2 } });
    const run1 = engine.run.bind(engine);
    engine.run = async (job, context) => {
      context.remember({ providerJob: `job for ${job.seeds.join('+')}` });
      return run1(job, context);
    };
    const compositor = fakeCompositor();
    const remembered: [string, unknown][] = [];
    const given = { ...input(engine, [1, 2, 3, 4]), resume: { '2,3': { providerJob: 'earlier' } } };
    await runJob(given, { signal: new AbortController().signal, onProgress: () => {}, onVariation: () => {}, onRemember: (k, s) => remembered.push([k, s]) }, compositor);
    expect(engine.requests.map((r) => r.resume)).toEqual([undefined, { providerJob: 'earlier' }]);
    expect(remembered).toEqual([
      ['0,1', { providerJob: 'job for 1+2' }],
      ['2,3', { providerJob: 'job for 3+4' }],
    ]);
  });

  it('sends as many requests at once as the engine\'s concurrency, and keeps their order in the results', async () => {
    const engine = fakeEngine({ delay: 15, meta: { maxVariationsPerRun: 1, concurrency: 3 } });
    const { summary, results } = await run(engine, [1, 2, 3, 4, 5, 6, 7]);
    await summary;
    expect(engine.peak).toBe(3);
    expect(results.map((r) => r.seed).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts no new request after one fails, and keeps what the others made', async () => {
    const engine = fakeEngine({ delay: 5, meta: { maxVariationsPerRun: 1, concurrency: 1 } });
    const run1 = engine.run.bind(engine);
    engine.run = async (job, context) => {
      if (job.seeds[0] === 3) throw new EngineError('credits', 'Out of credits');
      return run1(job, context);
    };
    const { summary, results } = await run(engine, [1, 2, 3, 4, 5]);
    await expect(summary).rejects.toThrow('Out of credits');
    expect(results.map((r) => r.seed)).toEqual([1, 2]);
    expect(engine.requests.map((r) => r.seeds[0])).toEqual([1, 2]);
  });
});

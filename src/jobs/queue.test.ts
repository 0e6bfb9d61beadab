import { describe, expect, it } from 'vitest';
import { EngineError } from '../engines/contract';
import { createJobQueue, type JobEvent, type JobSubmission } from './queue';
import { defaultParams } from './params';
import { fakeCompositor, fakeEngine, wait } from './testEngines';

const image = { blob: new Blob(['photo']), name: 'photo.png', width: 8, height: 8 };
const mask = { width: 8, height: 8, data: new Uint8Array(64).fill(255) };

function submission(id: string, engine: JobSubmission['engine'], seeds = [10, 11], extra: Partial<JobSubmission> = {}): JobSubmission {
  return { id, engine, image, mask, params: defaultParams, seeds, ...extra };
}

function setup() {
  const queue = createJobQueue({ compositor: fakeCompositor(), holdLock: () => () => {} });
  const events: JobEvent[] = [];
  queue.subscribe((event) => void events.push(event));
  const ended = (id: string) =>
    new Promise<Extract<JobEvent, { type: 'ended' }>>((resolve) => {
      const stop = queue.subscribe((event) => {
        if (event.type === 'ended' && event.id === id) {
          stop();
          resolve(event);
        }
      });
    });
  return { queue, events, ended };
}

const variations = (events: JobEvent[], id: string) =>
  events.filter((e): e is Extract<JobEvent, { type: 'variation' }> => e.type === 'variation' && e.id === id).map((e) => e.result.seed);

describe('job queue', () => {
  it('runs one engine\'s jobs in the order they came, one at a time for a local engine', async () => {
    const { queue, events, ended } = setup();
    const engine = fakeEngine({ delay: 5 });
    const done = [ended('a'), ended('b'), ended('c')];
    for (const id of ['a', 'b', 'c']) queue.submit(submission(id, engine));
    expect(queue.useQueue.getState().entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    await Promise.all(done);
    expect(events.filter((e) => e.type === 'started').map((e) => (e as { id: string }).id)).toEqual(['a', 'b', 'c']);
    expect(engine.peak).toBe(1);
    expect(queue.useQueue.getState().entries).toEqual([]);
  });

  it('runs as many jobs of an engine at once as its concurrency allows, and other engines beside them', async () => {
    const { queue, ended } = setup();
    const cloud = fakeEngine({ id: 'cloud', delay: 20, meta: { concurrency: 3 } });
    const local = fakeEngine({ id: 'local', delay: 20 });
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5', 'l1', 'l2'];
    const done = ids.map(ended);
    for (const id of ids) queue.submit(submission(id, id.startsWith('c') ? cloud : local));
    await Promise.all(done);
    expect(cloud.peak).toBe(3);
    expect(local.peak).toBe(1);
  });

  it('reports each variation as soon as it is made, with its seed', async () => {
    const { queue, events, ended } = setup();
    const engine = fakeEngine({ delay: 5 });
    const done = ended('a');
    queue.submit(submission('a', engine, [7, 8, 9]));
    const end = await done;
    expect(variations(events, 'a')).toEqual([7, 8, 9]);
    expect(end).toMatchObject({ outcome: 'finished', made: 3, wanted: 3, missing: 0 });
  });

  it('keeps the variations finished before a cancel', async () => {
    const { queue, events, ended } = setup();
    const engine = fakeEngine({ delay: 30 });
    const done = ended('a');
    queue.submit(submission('a', engine, [1, 2, 3, 4, 5, 6, 7, 8]));
    while (variations(events, 'a').length < 2) await wait(5);
    queue.cancel('a');
    const end = await done;
    expect(end.outcome).toBe('cancelled');
    expect(end.made).toBe(variations(events, 'a').length);
    expect(end.made).toBeGreaterThanOrEqual(2);
    expect(end.made).toBeLessThan(8);
  });

  it('takes a waiting job out of the queue on cancel, without running it', async () => {
    const { queue, ended } = setup();
    const engine = fakeEngine({ delay: 20 });
    const done = [ended('a'), ended('b')];
    queue.submit(submission('a', engine));
    queue.submit(submission('b', engine));
    queue.cancel('b');
    expect(await done[1]).toMatchObject({ outcome: 'cancelled', made: 0 });
    await done[0];
    expect(engine.requests).toHaveLength(1);
  });

  it('ends a failing job as failed with the engine\'s error, keeping what it made', async () => {
    const { queue, ended } = setup();
    const failure = new EngineError('credits', 'Not enough credits', { status: 402 });
    const engine = fakeEngine({ failWith: failure, failAfter: 1 });
    const done = ended('a');
    queue.submit(submission('a', engine, [1, 2, 3]));
    expect(await done).toMatchObject({ outcome: 'failed', made: 1, error: failure });
  });

  it('turns anything else an engine throws into an EngineError', async () => {
    const { queue, ended } = setup();
    const engine = fakeEngine();
    engine.run = async () => {
      throw new TypeError('Failed to fetch');
    };
    const done = ended('a');
    queue.submit(submission('a', engine));
    const end = await done;
    expect(end.error).toBeInstanceOf(EngineError);
    expect(end.error?.kind).toBe('network');
  });

  it('makes only the missing variations when a job runs again', async () => {
    const { queue, events, ended } = setup();
    const engine = fakeEngine();
    const done = ended('a');
    queue.submit(submission('a', engine, [1, 2, 3, 4], { done: new Set([0, 2]) }));
    const end = await done;
    expect(engine.requests[0].seeds).toEqual([2, 4]);
    expect(variations(events, 'a')).toEqual([2, 4]);
    expect(events.filter((e) => e.type === 'variation').map((e) => (e as Extract<JobEvent, { type: 'variation' }>).result.index)).toEqual([1, 3]);
    expect(end).toMatchObject({ made: 4, wanted: 4 });
  });

  it('waits for listeners to store a new job before it starts', async () => {
    const { queue, events, ended } = setup();
    let stored = false;
    queue.subscribe(async (event) => {
      if (event.type !== 'queued') return;
      await wait(20);
      stored = true;
    });
    const engine = fakeEngine();
    const startedAfterStore: boolean[] = [];
    queue.subscribe((event) => void (event.type === 'started' && startedAfterStore.push(stored)));
    const done = ended('a');
    queue.submit(submission('a', engine));
    await done;
    expect(startedAfterStore).toEqual([true]);
    expect(events.map((e) => e.type)).toEqual(['queued', 'started', 'variation', 'variation', 'ended']);
  });
});

import { create } from 'zustand';
import { toEngineError, type Engine, type EngineError, type EngineProgress, type EngineSettings } from '../engines/contract';
import type { Mask } from '../mask/types';
import type { CompositorApi } from './compositor';
import type { JobImage } from './job';
import { holdJobLock } from './jobLocks';
import type { JobParams } from './params';
import type { JobResult } from './records';
import { runJob, type RunJobSummary } from './runJob';

export interface JobSubmission {
  /** New for a new job; the record's own for "Run again". */
  id: string;
  engine: Engine;
  image: JobImage & { name: string };
  mask: Mask;
  params: JobParams;
  seeds: number[];
  /** Variations already made: "Run again" makes only the others. */
  done?: ReadonlySet<number>;
  /** What its requests remembered before a reload (cloud engines pick their provider's jobs up). */
  resume?: Readonly<Record<string, unknown>>;
}

export type JobOutcome = 'finished' | 'cancelled' | 'failed';

/** What the queue reports; the app turns these into History, results on show and notices. */
export type JobEvent =
  | { type: 'queued'; job: JobSubmission }
  | { type: 'started'; id: string }
  | { type: 'variation'; id: string; result: JobResult }
  | { type: 'remembered'; id: string; key: string; state: unknown }
  | {
      type: 'ended';
      id: string;
      engineLabel: string;
      outcome: JobOutcome;
      /** Variations the job now has, of the ones asked for. */
      made: number;
      wanted: number;
      seconds: number;
      missing: number;
      error?: EngineError;
      cost?: RunJobSummary['cost'];
    };

/** A job waiting or running, as the queue view shows it. */
export interface QueueEntry {
  id: string;
  engineId: string;
  engineLabel: string;
  status: 'waiting' | 'running';
  progress: EngineProgress | null;
  made: number;
  wanted: number;
  startedAt?: number;
}

export interface JobQueueOptions {
  compositor: CompositorApi;
  /** The user's settings for an engine (model, keys), read when a job starts. */
  settingsFor?: (engineId: string) => EngineSettings;
  /** Marks the job as alive in this tab (Web Locks); returns the release. */
  holdLock?: (id: string) => () => void;
}

type Listener = (event: JobEvent) => void | Promise<void>;

/**
 * Jobs wait in order and run as soon as their engine has room: as many at once as the
 * engine's `concurrency` allows. Cancel stops a running job at once; what it made is kept.
 */
export function createJobQueue({ compositor, settingsFor = () => ({}), holdLock = holdJobLock }: JobQueueOptions) {
  const useQueue = create<{ entries: QueueEntry[] }>()(() => ({ entries: [] }));
  const listeners = new Set<Listener>();
  const jobs = new Map<string, { job: JobSubmission; ready: Promise<unknown>; release: () => void }>();
  const controllers = new Map<string, AbortController>();

  const emit = (event: JobEvent) => Promise.allSettled([...listeners].map((listener) => listener(event)));
  const entry = (id: string) => useQueue.getState().entries.find((e) => e.id === id);
  const update = (id: string, patch: Partial<QueueEntry>) =>
    useQueue.setState((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, ...patch } : e)) }));

  /** Queues a validated job. Listeners hear of it (and store it) before it can start. */
  function submit(job: JobSubmission) {
    if (jobs.has(job.id)) return;
    const made = job.done?.size ?? 0;
    useQueue.setState((s) => ({
      entries: [
        ...s.entries,
        { id: job.id, engineId: job.engine.id, engineLabel: job.engine.label, status: 'waiting', progress: null, made, wanted: job.seeds.length },
      ],
    }));
    const ready = emit({ type: 'queued', job });
    jobs.set(job.id, { job, ready, release: holdLock(job.id) });
    void ready.then(startNext);
  }

  /** A waiting job leaves the queue; a running one stops at once. Either way its made variations stay. */
  function cancel(id: string) {
    const controller = controllers.get(id);
    if (controller) {
      controller.abort();
      return;
    }
    const current = entry(id);
    const held = jobs.get(id);
    if (!current || !held) return;
    end(id, { type: 'ended', id, engineLabel: current.engineLabel, outcome: 'cancelled', made: current.made, wanted: current.wanted, seconds: 0, missing: 0 });
  }

  function end(id: string, event: Extract<JobEvent, { type: 'ended' }>) {
    const held = jobs.get(id);
    jobs.delete(id);
    controllers.delete(id);
    useQueue.setState((s) => ({ entries: s.entries.filter((e) => e.id !== id) }));
    // Listeners hear the end only after they have stored the start; the lock goes once they have stored the end.
    void (held?.ready ?? Promise.resolve())
      .then(() => emit(event))
      .finally(() => held?.release());
    startNext();
  }

  function startNext() {
    const { entries } = useQueue.getState();
    const running = new Map<string, number>();
    for (const e of entries) if (e.status === 'running') running.set(e.engineId, (running.get(e.engineId) ?? 0) + 1);
    for (const e of entries) {
      const held = jobs.get(e.id);
      if (e.status !== 'waiting' || !held) continue;
      const { engine } = held.job;
      const busy = running.get(engine.id) ?? 0;
      if (busy >= engine.meta(settingsFor(engine.id)).concurrency) continue;
      running.set(engine.id, busy + 1);
      void held.ready.then(() => run(held.job));
      update(e.id, { status: 'running', startedAt: Date.now(), progress: { phase: 'preparing' } });
    }
  }

  async function run(job: JobSubmission) {
    // Cancelled while its record was being written.
    if (!jobs.has(job.id)) return;
    const controller = new AbortController();
    controllers.set(job.id, controller);
    const started = performance.now();
    const done = job.done ?? new Set<number>();
    let made = done.size;
    void emit({ type: 'started', id: job.id });
    const base = { type: 'ended' as const, id: job.id, engineLabel: job.engine.label, wanted: job.seeds.length };
    try {
      const summary = await runJob(
        {
          id: job.id,
          engine: job.engine,
          settings: settingsFor(job.engine.id),
          photo: job.image.blob,
          mask: job.mask,
          params: job.params,
          todo: job.seeds.map((seed, index) => ({ index, seed })).filter((v) => !done.has(v.index)),
          resume: job.resume,
        },
        {
          signal: controller.signal,
          onProgress: (progress) => update(job.id, { progress }),
          onVariation: (result) => {
            update(job.id, { made: ++made });
            void emit({ type: 'variation', id: job.id, result });
          },
          onRemember: (key, state) => void emit({ type: 'remembered', id: job.id, key, state }),
        },
        compositor,
      );
      end(job.id, { ...base, outcome: 'finished', made, seconds: (performance.now() - started) / 1000, missing: summary.missing, cost: summary.cost });
    } catch (error) {
      const failure = toEngineError(error, controller.signal);
      const outcome = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
      end(job.id, { ...base, outcome, made, seconds: (performance.now() - started) / 1000, missing: 0, error: failure });
    }
  }

  return {
    useQueue,
    submit,
    cancel,
    /** Hears every job event; a promise returned for 'queued' is waited for before the job starts. */
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** True while the engine has a job waiting or running. */
    isBusy: (engineId: string) => useQueue.getState().entries.some((e) => e.engineId === engineId),
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;

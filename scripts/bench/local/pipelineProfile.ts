/**
 * The diffusion pipeline's JavaScript around session.run, in Node (onnxruntime-node, 1 thread) on the
 * benchmark's UNet: `npx tsx scripts/bench/local/pipelineProfile.ts [runs]`. The same code as the
 * worker's; the browser adds worker messages and onnxruntime-web's copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createImage } from '../../../src/image/rgba';
import { ortStages, type StageName } from '../../../src/engines/local/diffusion/ortStages';
import { runDiffusion, type DiffusionRequest } from '../../../src/engines/local/diffusion/pipeline';
import { ClipTokenizer } from '../../../src/engines/local/diffusion/tokenizer';
import { DIFFUSION, writeBenchModels } from './benchModels';

const folder = join(writeBenchModels(), DIFFUSION.folder);
const text = (path: string) => readFileSync(join(folder, path), 'utf8');
const sessions = new Map<StageName, ort.InferenceSession>();
const stages = await ortStages(ort as never, {
  async session(stage) {
    if (!sessions.has(stage)) sessions.set(stage, await ort.InferenceSession.create(join(folder, stage, 'model.onnx'), { intraOpNumThreads: 1 }));
    return sessions.get(stage)! as never;
  },
  async done() {},
});

const image = createImage(512, 512);
for (let i = 0; i < image.data.length; i++) image.data[i] = i % 4 === 3 ? 255 : (i * 31) % 251;
const mask = { width: 512, height: 512, data: new Uint8Array(512 * 512) };
for (let y = 128; y < 384; y++) mask.data.fill(255, y * 512 + 128, y * 512 + 384);
const tokenizer = ClipTokenizer.fromFiles(text('tokenizer/vocab.json'), text('tokenizer/merges.txt'));
const schedulerConfig = JSON.parse(text('scheduler/scheduler_config.json'));
const request = (guidanceScale: number, strength: number): DiffusionRequest => ({
  image,
  mask,
  prompt: 'a red door',
  negativePrompt: '',
  steps: 8,
  strength,
  guidanceScale,
  scheduler: 'euler',
  seed: 42,
  schedulerConfig,
  tokenizer,
  scalingFactor: 0.18215,
});

const runs = Number(process.argv[2] ?? 5);
const sum = (name: string, filter: (e: PerformanceEntry) => boolean = () => true) =>
  performance.getEntriesByName(name).filter(filter).reduce((total, e) => total + e.duration, 0);
for (const [guidance, strength] of [[7.5, 1], [1, 1], [7.5, 0.75]]) {
  await runDiffusion(request(guidance, strength), stages, { signal: new AbortController().signal });
  performance.clearMeasures();
  for (let r = 0; r < runs; r++) await runDiffusion(request(guidance, strength), stages, { signal: new AbortController().signal, onStep: () => {} });
  const pipeline = sum('diffusion pipeline') / runs;
  const run = sum('session.run') / runs;
  const unet = sum('session.run', (e) => (e as PerformanceMeasure).detail === 'unet') / runs;
  const steps = sum('diffusion step') / runs;
  console.log(
    `guidance ${guidance}, strength ${strength}: pipeline ${pipeline.toFixed(1)} ms, session.run ${run.toFixed(1)} ms (unet ${unet.toFixed(1)}), ` +
      `steps ${steps.toFixed(1)} ms; overhead ${((pipeline / run - 1) * 100).toFixed(1)} %, per step outside unet ${((steps - unet) / 8).toFixed(2)} ms`,
  );
  performance.clearMeasures();
}

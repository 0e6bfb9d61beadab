import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { featherBenchmark } from '../../src/mask/feather.bench';
import { startBrowser } from './browser';
import { initialJavaScript } from './bundleSize';
import { paintingBenchmark, REFERENCE_MOVE_MS } from './painting';
import { startupBenchmark } from './startup';
import { pasteBackBenchmark } from './compositing/index';
import { removeInAppBenchmark } from './removeInApp';
import { removerBenchmark } from './remover/index';
import { printTable } from './remover/table';
import { proxyBenchmark } from './proxy/index';
import { ms } from './stats';
import { localBenchmark, type LocalFigures } from './local/index';
import { segmentationBenchmark, type SegmentationFigures } from './segmentation/index';

const root = resolve(import.meta.dirname, '../..');
const dist = resolve(root, 'dist');
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const line = (label: string, value: string, target = '') => console.log(`${label.padEnd(58)} ${value.padStart(12)}  ${target}`);

// `npm run bench -- painting startup` runs only those sections.
const only = process.argv.slice(2);
const wanted = (section: string) => only.length === 0 || only.includes(section);

console.log(`Inpaint Studio benchmarks · ${new Date().toISOString()} · ${machine}\n`);

const feather = wanted('feather') ? await featherBenchmark() : [];
if (feather.length) console.log('Feather (Node, V8): median of 10 runs');
for (const f of feather) line(`  ${f.name}`, ms(f.medianMs), f.name.includes('r=32') ? 'target < 60 ms' : '');
const spread = (r: number) => feather.find((f) => f.name.includes('spread') && f.name.endsWith(`r=${r}`));
const [s8, s32, s128] = [spread(8), spread(32), spread(128)];
if (s8 && s32 && s128) {
  line('  cost ratio r=32 / r=8, same mask (spread)', (s32.medianMs / s8.medianMs).toFixed(2), 'must not grow: <= 1');
  line('  cost ratio r=128 / r=32, same mask (spread)', (s128.medianMs / s32.medianMs).toFixed(2), 'must not grow: <= 1');
}

const remover = wanted('remover') ? await removerBenchmark() : null;
if (remover) {
  console.log('');
  printTable(remover);
}

const pasteBack = wanted('paste-back') ? await pasteBackBenchmark() : [];
if (pasteBack.length) console.log('\nPaste-back with colour match (Node, V8): median of 7 runs');
for (const p of pasteBack) line(`  ${p.name}`, ms(p.medianMs), 'target < 300 ms');

const proxy = wanted('proxy') ? await proxyBenchmark() : null;
if (proxy) {
  console.log('\nProvider proxy on loopback, against a stand-in provider (Node)');
  line('  request direct / through the proxy, median', `${ms(proxy.directMedianMs)} / ${ms(proxy.proxiedMedianMs)}`);
  line('  latency the proxy adds, median / p95', `${ms(proxy.addedMedianMs)} / ${ms(proxy.addedP95Ms)}`, 'median target < 5 ms');
  line(`  ${proxy.jobs} jobs at once (5 requests each), direct / proxied`, `${proxy.directJobsSeconds.toFixed(2)} / ${proxy.jobsSeconds.toFixed(2)} s`);
  line(`  server memory forwarding a ${proxy.uploadMb} MB upload: before / peak`, `${proxy.baselineRssMb.toFixed(0)} / ${proxy.peakRssMb.toFixed(0)} MB`);
  line('  memory growth / body size', proxy.rssGrowthRatio.toFixed(2), 'target < 2');
}

function printLocal({ download, remover, threads, diffusion }: LocalFigures) {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  console.log('\nLocal models (Chromium; tiny models with convolutions, see scripts/bench/local)');
  line(`  download ${download.mb.toFixed(0)} MB, checked and stored: app / curl | sha256sum`, `${download.appSeconds.toFixed(2)} / ${download.curlSeconds.toFixed(2)} s`, `ratio ${(download.appSeconds / download.curlSeconds).toFixed(2)}, target <= 1.2`);
  line('  the same, against curl | tee file | sha256sum (curl stores it too)', `${download.appSeconds.toFixed(2)} / ${download.curlStoredSeconds.toFixed(2)} s`, `ratio ${(download.appSeconds / download.curlStoredSeconds).toFixed(2)}`);
  line('  LaMa-shaped removal on WASM: job / session.run, median', `${ms(remover.jobMs)} / ${ms(remover.runMs)}`, `overhead ${pct(remover.overhead)}, target < 10 %`);
  line('  renderer memory (page + model worker) after job 1 / job 11', `${remover.rendererMbAfter1.toFixed(0)} / ${remover.rendererMbAfter10.toFixed(0)} MB`, 'target: no growth');
  line(`  onnxruntime-web WASM: 1 thread / ${threads.threads} threads, median run`, `${ms(threads.oneMs)} / ${ms(threads.manyMs)}`, `ratio ${(threads.oneMs / threads.manyMs).toFixed(2)}`);
  line('  onnxruntime-web WASM / onnxruntime-node (native CPU)', `${ms(threads.manyMs)} / ${ms(threads.nativeMs)}`, `ratio ${(threads.manyMs / threads.nativeMs).toFixed(2)}, target < 2.5`);
  for (const d of diffusion) {
    const name = `  diffusion 64x64 latents, ${d.backend === 'wasm' ? 'WASM' : 'WebGPU (SwiftShader)'}, guidance ${d.cfg ? 'on' : 'off'}`;
    line(`${name}: step / UNet run`, `${ms(d.stepMs)} / ${ms(d.unetMs)}`);
    line(`${name}: pipeline / session.run`, `${ms(d.pipelineMs)} / ${ms(d.runMs)}`, `overhead ${pct(d.overhead)}, target < 5 %`);
  }
  for (const backend of ['wasm', 'webgpu']) {
    const [on, off] = [true, false].map((cfg) => diffusion.find((d) => d.backend === backend && d.cfg === cfg));
    if (on && off) line(`  ${backend}: step with guidance (batch of 2) / without`, (on.stepMs / off.stepMs).toFixed(2), 'target < 2: one batched run beats two');
  }
}

function printSegmentation({ subject, clicks, batch }: SegmentationFigures) {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const named = (backend: string) => (backend === 'wasm' ? 'WASM' : 'WebGPU (SwiftShader)');
  console.log('\nMasks in one click (Chromium, tiny ISNet- and MobileSAM-shaped models)');
  for (const s of subject) line(`  Select subject, ${named(s.backend)}: call / session.run, median`, `${ms(s.selectMs)} / ${ms(s.runMs)}`, `overhead ${pct(s.overhead)}, target < 10 %`);
  for (const c of clicks) {
    line(`  Click to segment, ${named(c.backend)}: embedding / encoder run`, `${ms(c.embeddingMs)} / ${ms(c.encoderMs)}`);
    line(`  Click to segment, ${named(c.backend)}: click / decoder run, median`, `${ms(c.clickMs)} / ${ms(c.decoderMs)}`, `overhead ${pct(c.overhead)}, target < 10 %`);
  }
  line(`  batch of ${batch.photos} (fake Runflow, ${batch.jobSeconds} s a job): one batch / one at a time`, `${batch.batchSeconds.toFixed(1)} / ${batch.oneAtATimeSeconds.toFixed(1)} s`, `throughput ${(batch.oneAtATimeSeconds / batch.batchSeconds).toFixed(2)}x`);
}

const browserSections = ['painting', 'startup', 'remove-in-app', 'local', 'segmentation'];
if (only.length && !only.some((section) => browserSections.includes(section))) {
  mkdirSync(resolve(root, 'bench-results'), { recursive: true });
  writeFileSync(resolve(root, 'bench-results/latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, feather, remover, pasteBack, proxy }, null, 2));
  process.exit(0);
}

console.log('\nBuilding the production bundle…');
execSync('npx vite build --logLevel error', { cwd: root, stdio: 'inherit' });
const bundle = initialJavaScript(dist);
line('Initial JavaScript, gzipped', `${(bundle.gzipTotal / 1024).toFixed(1)} KB`, 'target < 250 KB');

const session = await startBrowser(dist);
try {
  const painting = wanted('painting') ? await paintingBenchmark(session.browser, session.url) : [];
  if (painting.length) console.log('\nPainting a 100 px brush on a 6000x4000 photo (Chromium)');
  for (const p of painting) {
    line(`  zoom ${p.zoom}: stroke work per frame, median / p95`, `${ms(p.workMedian)} / ${ms(p.workP95)}`, 'p95 target < 16.7 ms');
    line(`  zoom ${p.zoom}: frame interval, median / p95`, `${ms(p.frameMedian)} / ${ms(p.frameP95)}`);
    const ratio = (p.moveMedian / REFERENCE_MOVE_MS).toFixed(2);
    line(`  zoom ${p.zoom}: pointer-move handling, median / p95`, `${ms(p.moveMedian)} / ${ms(p.moveP95)}`, `inpaint-web ${ms(REFERENCE_MOVE_MS)} median; ratio ${ratio}`);
  }

  const startup = wanted('startup') ? await startupBenchmark(session.browser, session.url) : null;
  if (startup) {
    console.log('\nTime to an interactive editor with a 12-megapixel photo');
    line('  open a 4000x3000 JPEG in a loaded editor, median', ms(startup.openMedian));
    line('  reload, navigation start to the restored photo, median', ms(startup.reloadMedian));
  }

  const inApp = wanted('remove-in-app') ? await removeInAppBenchmark(session.browser, session.url) : [];
  if (inApp.length) console.log('\nBuilt-in remover in the app (Chromium): Generate to result on screen, 1 variation');
  for (const r of inApp) {
    line(`  ${r.photo}: seconds`, r.seconds.toFixed(2));
    line(`  ${r.photo}: frame interval meanwhile, p95 / max`, `${ms(r.frameP95)} / ${ms(r.frameMax)}`);
  }

  const local = wanted('local') ? await localBenchmark(session.url, dist) : null;
  if (local) printLocal(local);
  const segmentation = wanted('segmentation') ? await segmentationBenchmark(session.url, dist) : null;
  if (segmentation) printSegmentation(segmentation);

  mkdirSync(resolve(root, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(root, 'bench-results/latest.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, feather, remover, pasteBack, proxy, bundle, painting, startup, inApp, local, segmentation }, null, 2),
  );
} finally {
  await session.close();
}

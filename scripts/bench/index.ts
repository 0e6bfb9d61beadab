import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { featherBenchmark } from '../../src/mask/feather.bench';
import { startBrowser } from './browser';
import { initialJavaScript } from './bundleSize';
import { paintingBenchmark } from './painting';
import { startupBenchmark } from './startup';
import { ms } from './stats';

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
const r8 = feather.find((f) => f.name.includes('r=8'));
const r128 = feather.find((f) => f.name.includes('r=128'));
if (r8 && r128) line('  cost ratio radius 128 / radius 8 (same mask)', (r128.medianMs / r8.medianMs).toFixed(2), 'flat ≈ 1');

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
  }

  const startup = wanted('startup') ? await startupBenchmark(session.browser, session.url) : null;
  if (startup) {
    console.log('\nTime to an interactive editor with a 12-megapixel photo');
    line('  open a 4000x3000 JPEG in a loaded editor, median', ms(startup.openMedian));
    line('  reload, navigation start to the restored photo, median', ms(startup.reloadMedian));
  }

  mkdirSync(resolve(root, 'bench-results'), { recursive: true });
  writeFileSync(
    resolve(root, 'bench-results/latest.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, feather, bundle, painting, startup }, null, 2),
  );
} finally {
  await session.close();
}

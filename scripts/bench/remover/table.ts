import type { GroupAverage, PhotoResult, RemoverBenchmark } from './index';
import type { Metrics } from '../../../src/remover/quality';

const TARGETS = { textureRatio: 0.85, coarseGapDb: 3, photo512Seconds: 2, photo12mpSeconds: 10 };

const num = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
const cells = (m: Metrics) => [num(m.psnr), num(m.ssim, 3), num(m.coarsePsnr), num(m.textureRatio)];

function row(values: string[], widths: number[]): string {
  return values.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' ');
}

const widths = [22, 8, 7, 6, 7, 6, 7, 6, 7, 6, 6, 6];
const photoRow = (r: PhotoResult) =>
  row([r.photo.slice(0, 22), r.kind, ...cells(r.patchMatch), ...cells(r.telea), num(r.variation, 1), num(r.seconds)], widths);
const averageRow = (label: string, a: GroupAverage) =>
  row([label, '', ...cells(a.patchMatch), ...cells(a.telea), num(a.variation, 1), num(a.seconds)], widths);

/** The benchmark as a table on stdout, with each target and whether it holds. */
export function printTable(result: RemoverBenchmark): void {
  console.log('Built-in remover: fills scored inside the hole (5% of each 512x512 photo)');
  console.log('PatchMatch: mean of seeds 1 and 2; vary: their mean difference in the hole (0-255)\n');
  console.log(row(['', '', 'PatchMatch', '', '', '', 'Telea', '', '', '', '', ''], widths));
  console.log(row(['photo', 'hole', 'PSNR', 'SSIM', 'coarse', 'tex', 'PSNR', 'SSIM', 'coarse', 'tex', 'vary', 's'], widths));
  const { tuned, heldOut, all } = result.average;
  console.log('tuned on:');
  for (const r of result.perPhoto.filter((r) => !r.heldOut)) console.log(photoRow(r));
  console.log(averageRow('average (tuned)', tuned));
  console.log('held out (not tuned on):');
  for (const r of result.perPhoto.filter((r) => r.heldOut)) console.log(photoRow(r));
  console.log(averageRow('average (held out)', heldOut));
  console.log(averageRow('average (all)', all));

  const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const gap = (a: GroupAverage) => a.telea.coarsePsnr - a.patchMatch.coarsePsnr;
  console.log('');
  console.log(`coarse PSNR below Telea's, held out      ${num(gap(heldOut))} dB  target <= ${TARGETS.coarseGapDb} dB  ${check(gap(heldOut) <= TARGETS.coarseGapDb)}`);
  console.log(`coarse PSNR below Telea's, tuned         ${num(gap(tuned))} dB`);
  console.log(`texture ratio (PatchMatch), held out     ${num(heldOut.patchMatch.textureRatio)}   target >= ${TARGETS.textureRatio}  ${check(heldOut.patchMatch.textureRatio >= TARGETS.textureRatio)}`);
  console.log(`texture ratio (PatchMatch), tuned        ${num(tuned.patchMatch.textureRatio)}   target >= ${TARGETS.textureRatio}  ${check(tuned.patchMatch.textureRatio >= TARGETS.textureRatio)}`);
  console.log(`variations (seed 1 vs 2), mean in hole   ${num(all.variation, 1)} of 255`);
  const own = result.ownMasks;
  if (own.length > 0) {
    console.log('\nEach photo\'s own mask, cropped as the app sends it (feather 4, padding 32): seeds 42 vs 43');
    for (const o of own) console.log(`  ${o.photo.slice(0, 22).padEnd(22)} ${`${o.width}x${o.height}`.padStart(8)}  vary ${num(o.variation, 1)}`);
    console.log(`  ${'average'.padEnd(31)}  vary ${num(own.reduce((s, o) => s + o.variation, 0) / own.length, 1)}`);
  }
  const squares = result.centredSquares;
  if (squares.length > 0) {
    const mean = squares.reduce((s, o) => s + o.variation, 0) / squares.length;
    console.log(`A centred square over 5%, cropped alike (the in-app bench's mask): vary ${num(mean, 1)} (average of ${squares.length} photos)`);
  }
  const { photo512Seconds, photo12mpSeconds } = result.timing;
  if (Number.isFinite(photo512Seconds)) {
    console.log('');
    console.log(`512x512 photo with its own mask, median  ${num(photo512Seconds)} s  target < ${TARGETS.photo512Seconds} s  ${check(photo512Seconds < TARGETS.photo512Seconds)}`);
    console.log(`4000x3000 photo, 5% blob hole, median    ${num(photo12mpSeconds)} s  target < ${TARGETS.photo12mpSeconds} s  ${check(photo12mpSeconds < TARGETS.photo12mpSeconds)}`);
  }
}

import type { RemoverBenchmark } from './index';
import type { Metrics } from '../../../src/remover/quality';

const TARGETS = { textureRatio: 0.85, coarseGapDb: 3, photo512Seconds: 2, photo12mpSeconds: 10 };

const num = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
const cells = (m: Metrics) => [num(m.psnr), num(m.ssim, 3), num(m.coarsePsnr), num(m.textureRatio)];

function row(values: string[], widths: number[]): string {
  return values.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' ');
}

/** The benchmark as a table on stdout, with each target and whether it holds. */
export function printTable(result: RemoverBenchmark): void {
  const widths = [22, 8, 7, 6, 7, 6, 7, 6, 7, 6, 6];
  console.log('Built-in remover: fills scored inside the hole (5% of each 512x512 photo)\n');
  console.log(row(['', '', 'PatchMatch', '', '', '', 'Telea', '', '', '', ''], widths));
  console.log(row(['photo', 'hole', 'PSNR', 'SSIM', 'coarse', 'tex', 'PSNR', 'SSIM', 'coarse', 'tex', 's'], widths));
  for (const r of result.perPhoto) {
    console.log(row([r.photo.slice(0, 22), r.kind, ...cells(r.patchMatch), ...cells(r.telea), num(r.seconds)], widths));
  }
  const { patchMatch, telea, seconds } = result.average;
  console.log(row(['average', '', ...cells(patchMatch), ...cells(telea), num(seconds)], widths));
  const gap = telea.coarsePsnr - patchMatch.coarsePsnr;
  const check = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  console.log('');
  console.log(`texture ratio (PatchMatch, average)      ${num(patchMatch.textureRatio)}   target >= ${TARGETS.textureRatio}  ${check(patchMatch.textureRatio >= TARGETS.textureRatio)}`);
  console.log(`coarse PSNR below Telea's (average)      ${num(gap)} dB  target <= ${TARGETS.coarseGapDb} dB  ${check(gap <= TARGETS.coarseGapDb)}`);
  const { photo512Seconds, photo12mpSeconds } = result.timing;
  if (Number.isFinite(photo512Seconds)) {
    console.log(`512x512 photo with its own mask, median  ${num(photo512Seconds)} s  target < ${TARGETS.photo512Seconds} s  ${check(photo512Seconds < TARGETS.photo512Seconds)}`);
    console.log(`4000x3000 photo, 5% blob hole, median    ${num(photo12mpSeconds)} s  target < ${TARGETS.photo12mpSeconds} s  ${check(photo12mpSeconds < TARGETS.photo12mpSeconds)}`);
  }
}

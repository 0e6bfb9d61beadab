import { CHANNELS, type Level } from './level';
import type { Nnf } from './nnf';
import type { PatchSets } from './patches';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;

/**
 * How much each target's patch counts in the vote (Wexler et al. 2007): patches that
 * match well count more, so a few bad matches do not smear the fill. The scale is the
 * 75th percentile of the costs, so the weighting adapts to each photo's contrast.
 */
export function voteWeights(sets: PatchSets, nnf: Nnf, sharpness: number): Float32Array {
  const { targets } = sets;
  const weights = new Float32Array(nnf.cost.length);
  const sampleStep = Math.max(1, Math.floor(targets.length / 4096));
  const sample: number[] = [];
  for (let k = 0; k < targets.length; k += sampleStep) sample.push(nnf.cost[targets[k]]);
  sample.sort((a, b) => a - b);
  const scale = Math.max(1, sample[Math.floor(sample.length * 0.75)] ?? 1) / sharpness;
  for (const t of targets) weights[t] = Math.exp(-nnf.cost[t] / scale);
  return weights;
}

/**
 * Expectation-maximisation's "M" step: each hole pixel becomes the weighted mean of what
 * every overlapping target patch's match says it should be. Sources hold no hole
 * pixels, so writing the result in place never feeds back into this same vote.
 */
export function vote(level: Level, sets: PatchSets, nnf: Nnf, weights: Float32Array): void {
  const { width, height, pixels, hole } = level;
  const r = sets.radius;
  const match = nnf.match;
  for (let y = 0; y < height; y++) {
    const yLow = Math.max(r, y - r);
    const yHigh = Math.min(height - 1 - r, y + r);
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!hole[p]) continue;
      const xLow = Math.max(r, x - r);
      const xHigh = Math.min(width - 1 - r, x + r);
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, sw = 0;
      for (let ty = yLow; ty <= yHigh; ty++) {
        for (let tx = xLow; tx <= xHigh; tx++) {
          const t = ty * width + tx;
          const w = weights[t] + 1e-6;
          // The source pixel sits where p sits in the target patch.
          const s = (match[t] + (y - ty) * width + (x - tx)) * STRIDE;
          s0 += w * pixels[s]; s1 += w * pixels[s + 1]; s2 += w * pixels[s + 2];
          s3 += w * pixels[s + 3]; s4 += w * pixels[s + 4]; s5 += w * pixels[s + 5];
          sw += w;
        }
      }
      const o = p * STRIDE;
      pixels[o] = s0 / sw; pixels[o + 1] = s1 / sw; pixels[o + 2] = s2 / sw;
      pixels[o + 3] = s3 / sw; pixels[o + 4] = s4 / sw; pixels[o + 5] = s5 / sw;
    }
  }
}

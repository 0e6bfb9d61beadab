import { gaussianBlur } from './filters';
import { CHANNELS, type Level } from './level';
import { peelFill } from './telea';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;

/**
 * The fill's broad colours shifted towards the smooth (diffusion) fill's, its texture
 * kept: fill += strength * blur(smooth - fill), inside the hole only.
 *
 * Copied patches get the texture right but may bring the wrong broad colour or shape
 * from elsewhere in the photo (a bright patch in a shadow); the smooth fill is blurry but
 * its broad colours, carried in from the hole's edge, are usually closer to what was
 * there. Outside the hole both are the photo, so blur(smooth) - blur(fill) is the blur of
 * their difference, which is 0 outside the hole: the correction fades out across the
 * edge instead of stepping. Only low frequencies change, so the texture stays.
 *
 * The smooth fill is made at full resolution (its broad colours come from the pixels
 * right at the edge); the difference is then averaged onto a grid `factor` times
 * coarser, blurred there and read back bilinearly, which costs 1 / factor^2 of a
 * full-resolution blur. All of it only within the hole's box grown by the blur's reach.
 * The correction is capped (`limit`): it evens out shading and colour drift, but where the
 * fill copied another region altogether it leaves that region's colour alone.
 */
export interface LowFrequencyOptions {
  /** 0: no change, 1: the fill's broad colours become the smooth fill's. */
  strength: number;
  /** Blur sigma in full-resolution pixels: what counts as "broad". */
  sigma: number;
  /** The coarse grid's cell size in pixels. */
  factor: number;
  /** The most the correction may move a pixel's colour (length of the RGB change); none if absent. */
  limit?: number;
}

/** The hole's bounding box in `level`, or null when it has none. */
function holeBox(level: Level): { x0: number; y0: number; x1: number; y1: number } | null {
  const { width, height, hole } = level;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!hole[y * width + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

export function correctLowFrequencies(level: Level, options: LowFrequencyOptions): void {
  const { strength, sigma } = options;
  const k = Math.max(1, Math.round(options.factor));
  if (!(strength > 0)) return;
  const box = holeBox(level);
  if (!box) return;
  const { width, height, pixels, hole } = level;
  // The window: the hole's box grown by the blur's reach (and a cell), clipped to the level.
  const pad = Math.ceil(3 * sigma) + k;
  const wx = Math.max(0, box.x0 - pad), wy = Math.max(0, box.y0 - pad);
  const ww = Math.min(width, box.x1 + 1 + pad) - wx, wh = Math.min(height, box.y1 + 1 + pad) - wy;

  // The smooth fill of the window's hole from its known pixels.
  const smooth = new Float32Array(ww * wh * 4);
  const windowHole = new Uint8Array(ww * wh);
  for (let y = 0; y < wh; y++) {
    for (let x = 0; x < ww; x++) {
      const i = (wy + y) * width + wx + x, w = y * ww + x;
      windowHole[w] = hole[i];
      for (let c = 0; c < 3; c++) smooth[w * 4 + c] = pixels[i * STRIDE + c];
    }
  }
  if (!peelFill(smooth, ww, wh, windowHole, 4)) return;

  // smooth - fill (0 outside the hole), averaged over each cell.
  const cw = Math.ceil(ww / k), ch = Math.ceil(wh / k);
  const sums = [new Float32Array(cw * ch), new Float32Array(cw * ch), new Float32Array(cw * ch)];
  for (let y = 0; y < wh; y++) {
    const row = ((y / k) | 0) * cw;
    for (let x = 0; x < ww; x++) {
      const w = y * ww + x;
      if (!windowHole[w]) continue;
      const p = ((wy + y) * width + wx + x) * STRIDE, cell = row + ((x / k) | 0);
      for (let c = 0; c < 3; c++) sums[c][cell] += smooth[w * 4 + c] - pixels[p + c];
    }
  }
  const coarseSigma = sigma / k;
  const corrections = sums.map((sum) => {
    // Edge cells may be partial: divide by their true pixel count.
    for (let cy = 0; cy < ch; cy++) {
      const rows = Math.min(k, wh - cy * k);
      for (let cx = 0; cx < cw; cx++) sum[cy * cw + cx] /= rows * Math.min(k, ww - cx * k);
    }
    return coarseSigma > 0 ? gaussianBlur(sum, cw, ch, coarseSigma) : sum;
  });
  const [dr, dg, db] = corrections;
  // A large correction means the fill chose another region than the smooth fill's
  // blend of its edges (bricks where a bench and a pavement meet): there the blend would
  // only tint it muddy. Shading, yes; repainting, no.
  const limit = options.limit ?? Infinity;
  if (Number.isFinite(limit)) {
    for (let c = 0; c < dr.length; c++) {
      const size = strength * Math.hypot(dr[c], dg[c], db[c]);
      if (size <= limit) continue;
      const scale = limit / size;
      dr[c] *= scale;
      dg[c] *= scale;
      db[c] *= scale;
    }
  }

  // Each hole pixel reads the correction between the centres of the 2 x 2 cells around it.
  for (let y = 0; y < wh; y++) {
    const fy = Math.min(ch - 1, Math.max(0, (y + 0.5) / k - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(ch - 1, y0 + 1), ty = fy - y0;
    for (let x = 0; x < ww; x++) {
      if (!windowHole[y * ww + x]) continue;
      const fx = Math.min(cw - 1, Math.max(0, (x + 0.5) / k - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(cw - 1, x0 + 1), tx = fx - x0;
      const a = y0 * cw + x0, b = y0 * cw + x1, c = y1 * cw + x0, d = y1 * cw + x1;
      const wa = strength * (1 - tx) * (1 - ty), wb = strength * tx * (1 - ty), wc = strength * (1 - tx) * ty, wd = strength * tx * ty;
      const p = ((wy + y) * width + wx + x) * STRIDE;
      pixels[p] += wa * dr[a] + wb * dr[b] + wc * dr[c] + wd * dr[d];
      pixels[p + 1] += wa * dg[a] + wb * dg[b] + wc * dg[c] + wd * dg[d];
      pixels[p + 2] += wa * db[a] + wb * db[b] + wc * db[c] + wd * db[d];
    }
  }
}

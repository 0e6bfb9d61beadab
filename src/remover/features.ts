import { CHANNELS, type Level } from './level';

// Imported constants copied into module constants: test and script runners may turn
// imported names into property reads, too slow for inner loops.
const STRIDE = CHANNELS;

/**
 * Texture features (Newson et al. 2014): the mean absolute luminance gradient along x and
 * y around each pixel, kept as two extra channels and compared along with the colours.
 * Without them a coarse scale cannot tell a fine lattice from a smooth wall of the same
 * average colour, and squared differences favour smooth patches, so fills go flat.
 */

const WINDOW = 2; // averaged over (2 * WINDOW + 1)^2 pixels

function luma(pixels: Float32Array, i: number): number {
  const p = i * STRIDE;
  return 0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2];
}

/** Fills channels 4 and 5 of the known pixels, reading known pixels only. */
export function addTextureFeatures(level: Level): void {
  const { width, height, pixels, hole } = level;
  const gx = new Float32Array(width * height);
  const gy = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (hole[i]) continue;
      // Central difference where both sides are known, one-sided where only one is.
      const l = x > 0 && !hole[i - 1] ? i - 1 : i, r = x < width - 1 && !hole[i + 1] ? i + 1 : i;
      const u = y > 0 && !hole[i - width] ? i - width : i, d = y < height - 1 && !hole[i + width] ? i + width : i;
      gx[i] = r - l > 0 ? Math.abs(luma(pixels, r) - luma(pixels, l)) / (r - l) : 0;
      gy[i] = d - u > 0 ? (Math.abs(luma(pixels, d) - luma(pixels, u)) * width) / (d - u) : 0;
    }
  }
  // Mean over the known pixels of the window: sums (and counts) along rows, then columns.
  const sum = (values: Float32Array, out: number) => {
    const rows = new Float32Array(width * height);
    const counts = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let s = 0, n = 0;
        for (let k = Math.max(0, x - WINDOW); k <= Math.min(width - 1, x + WINDOW); k++) {
          const i = y * width + k;
          if (!hole[i]) { s += values[i]; n++; }
        }
        rows[y * width + x] = s;
        counts[y * width + x] = n;
      }
    }
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (hole[i]) continue;
        let s = 0, n = 0;
        for (let k = Math.max(0, y - WINDOW); k <= Math.min(height - 1, y + WINDOW); k++) {
          s += rows[k * width + x];
          n += counts[k * width + x];
        }
        pixels[i * STRIDE + out] = n > 0 ? s / n : 0;
      }
    }
  };
  sum(gx, 4);
  sum(gy, 5);
}

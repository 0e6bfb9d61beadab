import type { Mask } from '../mask/types';
import { mulberry32, type Random } from './random';

/**
 * Made-up holes for measuring fills: cut them out of a photo, fill, compare with the
 * photo. Deterministic per seed, so benchmark runs compare like with like.
 */

export interface HoleOptions {
  /** Fraction of the image to cover, e.g. 0.05. */
  coverage: number;
  seed: number;
  kind: 'strokes' | 'blobs';
  /** How many blobs (default: one to three, by seed). A single blob is the hardest hole. */
  blobs?: number;
}

function stampDisc(data: Uint8Array, width: number, height: number, cx: number, cy: number, r: number): number {
  let added = 0;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, Math.ceil(cx + r)); x++) {
      const i = y * width + x;
      if (!data[i] && (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) { data[i] = 255; added++; }
    }
  }
  return added;
}

/** Thick brush strokes wandering over the image, as a user would scribble over an object. */
function strokes(width: number, height: number, wanted: number, random: Random): Uint8Array {
  const data = new Uint8Array(width * height);
  const short = Math.min(width, height);
  const radius = Math.max(3, short * 0.025);
  let covered = 0;
  while (covered < wanted) {
    let x = random() * width, y = random() * height;
    let angle = random() * 2 * Math.PI;
    for (let segment = 0; segment < 4 && covered < wanted; segment++) {
      const length = short * (0.1 + 0.15 * random());
      for (let d = 0; d < length && covered < wanted; d += radius / 2) {
        // Bounce off the edges so strokes stay inside.
        if (x < 0 || x >= width) angle = Math.PI - angle;
        if (y < 0 || y >= height) angle = -angle;
        x = Math.min(width - 1, Math.max(0, x + Math.cos(angle) * (radius / 2)));
        y = Math.min(height - 1, Math.max(0, y + Math.sin(angle) * (radius / 2)));
        covered += stampDisc(data, width, height, x, y, radius);
      }
      angle += (random() - 0.5) * (2 * Math.PI / 3);
    }
  }
  return data;
}

interface Blob {
  x: number;
  y: number;
  /** Radius (before scaling) per degree of angle: wobbly, not round. */
  radii: Float32Array;
}

function drawBlobs(blobs: Blob[], scale: number, width: number, height: number): { data: Uint8Array; covered: number } {
  const data = new Uint8Array(width * height);
  let covered = 0;
  for (const b of blobs) {
    let reach = 0;
    for (const r of b.radii) reach = Math.max(reach, r * scale);
    for (let y = Math.max(0, Math.floor(b.y - reach)); y <= Math.min(height - 1, Math.ceil(b.y + reach)); y++) {
      for (let x = Math.max(0, Math.floor(b.x - reach)); x <= Math.min(width - 1, Math.ceil(b.x + reach)); x++) {
        const dx = x + 0.5 - b.x, dy = y + 0.5 - b.y;
        const degree = Math.floor(((Math.atan2(dy, dx) * 180) / Math.PI + 360) % 360);
        const i = y * width + x;
        if (!data[i] && dx * dx + dy * dy <= (b.radii[degree] * scale) ** 2) { data[i] = 255; covered++; }
      }
    }
  }
  return { data, covered };
}

/** One to three wobbly blobs, scaled (by bisection) to the wanted area: an object to remove. */
function blobs(width: number, height: number, wanted: number, random: Random, howMany?: number): Uint8Array {
  const pick = 1 + Math.floor(random() * 3);
  const count = Math.max(1, Math.round(howMany ?? pick));
  const base = Math.sqrt(wanted / (count * Math.PI));
  const list: Blob[] = [];
  for (let n = 0; n < count; n++) {
    const waves = [2, 3, 5].map((k) => ({ k, a: 0.2 * random(), phase: random() * 2 * Math.PI }));
    const radii = new Float32Array(360);
    for (let d = 0; d < 360; d++) {
      const t = (d * Math.PI) / 180;
      radii[d] = base * (1 + waves.reduce((s, w) => s + w.a * Math.cos(w.k * t + w.phase), 0));
    }
    const margin = Math.min(base * 1.2, Math.min(width, height) / 2);
    list.push({ x: margin + random() * (width - 2 * margin), y: margin + random() * (height - 2 * margin), radii });
  }
  let low = 0, high = 4;
  for (let step = 0; step < 14; step++) {
    const mid = (low + high) / 2;
    if (drawBlobs(list, mid, width, height).covered < wanted) low = mid;
    else high = mid;
  }
  return drawBlobs(list, high, width, height).data;
}

/** A 0/255 mask covering about `coverage` of a width x height image. */
export function makeHoles(width: number, height: number, options: HoleOptions): Mask {
  const wanted = Math.round(Math.min(1, Math.max(0, options.coverage)) * width * height);
  const random = mulberry32(options.seed);
  const data = wanted === 0 ? new Uint8Array(width * height) : options.kind === 'strokes'
    ? strokes(width, height, wanted, random)
    : blobs(width, height, wanted, random, options.blobs);
  return { width, height, data };
}

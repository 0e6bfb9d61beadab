import type { Level } from './level';

/**
 * Patch bookkeeping for one level. A patch is named by its centre's pixel index. Centres
 * lie at least `radius` from the border, so every patch is whole; such a centre either
 * is a source (no hole pixel under the patch: safe to copy from) or a target (its patch
 * touches the hole: needs a match).
 */
export interface PatchSets {
  radius: number;
  /** 1 where a patch centred here is a source. */
  isSource: Uint8Array;
  sources: Int32Array;
  /** Target centres in scan order. */
  targets: Int32Array;
}

/** Max over a (2r+1) window along rows then columns: "is any hole pixel under the patch". */
function holeUnderPatch(hole: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    let last = -1e9; // x of the last hole pixel seen
    for (let x = 0; x < width + r; x++) {
      if (x < width && hole[y * width + x]) last = x;
      const cx = x - r; // window [cx - r, cx + r] ends at x
      if (cx >= 0 && last >= cx - r) rows[y * width + cx] = 1;
    }
  }
  const both = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    let last = -1e9;
    for (let y = 0; y < height + r; y++) {
      if (y < height && rows[y * width + x]) last = y;
      const cy = y - r;
      if (cy >= 0 && last >= cy - r) both[cy * width + x] = 1;
    }
  }
  return both;
}

export function patchSets(level: Level, radius: number): PatchSets {
  const { width, height } = level;
  const touched = holeUnderPatch(level.hole, width, height, radius);
  const isSource = new Uint8Array(width * height);
  let sourceCount = 0, targetCount = 0;
  for (let y = radius; y < height - radius; y++) {
    for (let x = radius; x < width - radius; x++) {
      const i = y * width + x;
      if (touched[i]) targetCount++;
      else { isSource[i] = 1; sourceCount++; }
    }
  }
  const sources = new Int32Array(sourceCount);
  const targets = new Int32Array(targetCount);
  let s = 0, t = 0;
  for (let y = radius; y < height - radius; y++) {
    for (let x = radius; x < width - radius; x++) {
      const i = y * width + x;
      if (isSource[i]) sources[s++] = i;
      else targets[t++] = i;
    }
  }
  return { radius, isSource, sources, targets };
}

/** How many whole patches of `radius` lie wholly outside `hole`: the sources a scale would have. */
export function countSources(hole: Uint8Array, width: number, height: number, radius: number): number {
  if (width <= 2 * radius || height <= 2 * radius) return 0;
  const touched = holeUnderPatch(hole, width, height, radius);
  let count = 0;
  for (let y = radius; y < height - radius; y++) {
    for (let x = radius; x < width - radius; x++) if (!touched[y * width + x]) count++;
  }
  return count;
}

/**
 * The outline of a mask for display: closed loops along the pixel edges between inside and
 * outside, as corner points (x0, y0, x1, y1, ...) in pixel-edge coordinates. Lines drawn from
 * them stay one screen pixel wide at any zoom, where an outline raster would vanish.
 */
const RIGHT = 1;
const DOWN = 2;
const LEFT = 4;
const UP = 8;
// Turning right (inside stays on the right) first keeps touching regions apart at a saddle.
const PREFERENCE: Record<number, number[]> = {
  [RIGHT]: [DOWN, RIGHT, UP],
  [DOWN]: [LEFT, DOWN, RIGHT],
  [LEFT]: [UP, LEFT, DOWN],
  [UP]: [RIGHT, UP, LEFT],
};

const ANY = [RIGHT, DOWN, LEFT, UP];

/** The edge grid, kept and cleared between calls: a fresh one per click cost more than the tracing. */
let edges = new Uint8Array(0);
function edgesFor(length: number): Uint8Array {
  if (edges.length < length) edges = new Uint8Array(length);
  else edges.fill(0, 0, length);
  return edges;
}

export function maskOutline(mask: Uint8Array, width: number, height: number): Float32Array[] {
  if (mask.length !== width * height) throw new RangeError(`the mask has ${mask.length} values for ${width}x${height}`);
  const stride = width + 1;
  // Per grid vertex, the directions of the boundary edges leaving it (inside on their right).
  const cells = stride * (height + 1);
  const out = edgesFor(cells);
  // Plain index maths, no call per pixel: a neighbour past the photo's edge is outside.
  for (let y = 0, row = 0; y < height; y++, row += width) {
    const top = y === 0;
    const bottom = y === height - 1;
    for (let x = 0; x < width; x++) {
      if (!mask[row + x]) continue;
      const v = y * stride + x;
      if (top || !mask[row - width + x]) out[v] |= RIGHT;
      if (x === width - 1 || !mask[row + x + 1]) out[v + 1] |= DOWN;
      if (bottom || !mask[row + width + x]) out[v + stride + 1] |= LEFT;
      if (x === 0 || !mask[row + x - 1]) out[v + stride] |= UP;
    }
  }
  const loops: Float32Array[] = [];
  for (let start = 0; start < cells; start++) {
    while (out[start]) loops.push(traceLoop(out, stride, start));
  }
  return loops;
}

/** Follows boundary edges from `start` until back there, taking them out of `out`; the corners where the direction changes. */
function traceLoop(out: Uint8Array, stride: number, start: number): Float32Array {
  const corners: number[] = [];
  let at = start;
  let heading = 0;
  do {
    const choices = heading ? PREFERENCE[heading] : ANY;
    let next = choices[0];
    for (let i = 1; !(out[at] & next); i++) next = choices[i];
    out[at] &= ~next;
    if (next !== heading) corners.push(at % stride, Math.floor(at / stride));
    heading = next;
    at += next === RIGHT ? 1 : next === LEFT ? -1 : next === DOWN ? stride : -stride;
  } while (at !== start);
  return Float32Array.from(corners);
}

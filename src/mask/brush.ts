import { clipRect, type Mask, type MaskMode, type Point, type Rect } from './types';

export interface BrushOptions {
  /** Diameter in image pixels. */
  size: number;
  /** 0 = soft all the way from the centre, 1 = hard with a 1 px antialiased edge. */
  hardness: number;
  mode: MaskMode;
}

/** Distances from the stroke's spine: full strength up to `inner`, nothing from `outer`. */
interface Falloff {
  inner: number;
  outer: number;
}

function falloff(size: number, hardness: number): Falloff {
  const r = size / 2;
  const h = Number.isFinite(hardness) ? Math.min(1, Math.max(0, hardness)) : 1;
  let inner = r * h;
  let outer = r;
  // Narrower than a pixel would alias: widen to 1 px, centred on the same edge.
  if (outer - inner < 1) {
    const mid = (inner + outer) / 2;
    inner = mid - 0.5;
    outer = mid + 0.5;
  }
  return { inner, outer };
}

/**
 * Where the row at height py (relative to the segment's start) crosses the capsule of
 * radius `outer` around the segment (dx, dy): x relative to the start, into `span`.
 * The capsule is convex, so the union of its end discs' and body's spans is one span.
 */
function capsuleSpan(py: number, dx: number, dy: number, len: number, outer: number, span: { lo: number; hi: number }) {
  let lo = Infinity;
  let hi = -Infinity;
  const add = (a: number, b: number) => {
    if (a > b) return;
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  };
  if (Math.abs(py) < outer) {
    const h = Math.sqrt(outer * outer - py * py);
    add(-h, h);
  }
  const qy = py - dy;
  if (Math.abs(qy) < outer) {
    const h = Math.sqrt(outer * outer - qy * qy);
    add(dx - h, dx + h);
  }
  if (len > 0) {
    // Body: 0 <= (p . d) <= len^2 and |p x d| <= outer * len, each a range of x (or all / none).
    let a = -Infinity;
    let b = Infinity;
    const along = (k: number, c0: number, c1: number) => {
      // k * x in [c0, c1]
      if (k === 0) {
        if (c0 > 0 || c1 < 0) b = -Infinity;
        return;
      }
      const u = c0 / k;
      const v = c1 / k;
      a = Math.max(a, Math.min(u, v));
      b = Math.min(b, Math.max(u, v));
    };
    along(dx, -py * dy, len * len - py * dy);
    along(dy, py * dx - outer * len, py * dx + outer * len);
    add(a, b);
  }
  span.lo = lo;
  span.hi = hi;
  return lo <= hi;
}

const validPoint = (p: Point) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** The pixels a segment of this brush can touch (clipped to the mask; empty when outside). */
export function brushBounds(mask: Mask, from: Point, to: Point, opts: Pick<BrushOptions, 'size' | 'hardness'>): Rect {
  if (!(opts.size > 0) || !validPoint(from) || !validPoint(to)) return { x: 0, y: 0, width: 0, height: 0 };
  const { outer } = falloff(opts.size, opts.hardness);
  const x = Math.min(from.x, to.x) - outer;
  const y = Math.min(from.y, to.y) - outer;
  const rect = { x, y, width: Math.max(from.x, to.x) + outer - x, height: Math.max(from.y, to.y) + outer - y };
  return clipRect(rect, mask.width, mask.height);
}

/**
 * Sweeps a round brush from `from` to `to` (a capsule; from == to is a dot) and returns
 * the rect it may have changed. Values combine by max (paint) / min (erase) rather than
 * adding, so a soft stroke going over itself does not build up.
 */
export function paintSegment(mask: Mask, from: Point, to: Point, opts: BrushOptions): Rect {
  const rect = brushBounds(mask, from, to, opts);
  if (rect.width === 0 || rect.height === 0) return rect;

  const { inner, outer } = falloff(opts.size, opts.hardness);
  const outer2 = outer * outer;
  const inner2 = inner > 0 ? inner * inner : -1;
  const invBand = 1 / (outer - inner);
  const erase = opts.mode === 'erase';
  const data = mask.data;
  const stride = mask.width;

  const ax = from.x;
  const ay = from.y;
  const dx = to.x - ax;
  const dy = to.y - ay;
  const len2 = dx * dx + dy * dy;
  const invLen2 = len2 > 0 ? 1 / len2 : 0;

  const len = Math.sqrt(len2);
  const span = { lo: 0, hi: 0 };
  for (let y = rect.y, yEnd = rect.y + rect.height; y < yEnd; y++) {
    const py = y + 0.5 - ay;
    // Only the capsule's own span of this row: a long diagonal line has a huge bbox.
    if (!capsuleSpan(py, dx, dy, len, outer, span)) continue;
    const x0 = Math.max(rect.x, Math.floor(ax + span.lo - 0.5));
    const x1 = Math.min(rect.x + rect.width, Math.ceil(ax + span.hi - 0.5) + 1);
    let i = y * stride + x0;
    for (let x = x0; x < x1; x++, i++) {
      const px = x + 0.5 - ax;
      // Nearest point on the segment, as a fraction t along it.
      let t = (px * dx + py * dy) * invLen2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 >= outer2) continue;
      let v = 255;
      if (d2 > inner2) {
        let s = (outer - Math.sqrt(d2)) * invBand;
        if (s > 1) s = 1;
        v = (255 * s * s * (3 - 2 * s) + 0.5) | 0; // smoothstep
      }
      if (erase) {
        const w = 255 - v;
        if (w < data[i]) data[i] = w;
      } else if (v > data[i]) {
        data[i] = v;
      }
    }
  }
  return rect;
}

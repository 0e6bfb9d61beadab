/**
 * What every fake provider shares: fault injection from the tests, a log of what reached
 * it, result pictures on its own host, and the picture a model would make.
 */
import type { Context, Hono } from 'hono';
import { PNG } from 'pngjs';

/** One fault, taken by the next request of its kind. */
export interface Fault {
  /** Which request it hits: 'submit', 'poll', 'upload', 'result', or any other name a fake uses. */
  on: string;
  /** Answer with this status and body (and headers) instead. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Answer this much later. */
  delayMs?: number;
  /** The job itself fails with this message. */
  failJob?: string;
  /** How many requests it hits (default 1). */
  times?: number;
}

export interface Seen {
  kind: string;
  method: string;
  path: string;
  /** What came for auth, as the provider would see it, for tests that check keys travel right. */
  auth?: string;
  body?: unknown;
}

export interface FakeState {
  faults: Fault[];
  seen: Seen[];
  /** How long a job takes from submit to success. */
  jobMs: number;
}

export function fakeState(): FakeState {
  return { faults: [], seen: [], jobMs: 2500 };
}

/** The next fault for this kind of request, if a test asked for one. */
export function takeFault(state: FakeState, kind: string): Fault | undefined {
  const at = state.faults.findIndex((f) => f.on === kind);
  if (at < 0) return undefined;
  const fault = state.faults[at];
  if ((fault.times ?? 1) <= 1) state.faults.splice(at, 1);
  else fault.times = (fault.times ?? 1) - 1;
  return fault;
}

/** Applies a fault's delay, drop or answer; returns the answer to send, or undefined to carry on. */
export async function applyFault(c: Context, fault: Fault | undefined): Promise<Response | undefined> {
  if (!fault) return undefined;
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.drop) {
    // Node's incoming socket: destroy it so the client sees a dropped connection.
    const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } })?.incoming;
    incoming?.socket?.destroy();
    return new Response(null, { status: 599 });
  }
  if (fault.status) return Response.json(fault.body ?? {}, { status: fault.status, headers: fault.headers });
  return undefined;
}

/** /__control: tests set faults and job speed, read what was seen, reset. */
export function controlRoutes(app: Hono, state: FakeState) {
  app.post('/__control/faults', async (c) => {
    state.faults.push(...((await c.req.json()) as Fault[]));
    return c.json({ ok: true });
  });
  app.post('/__control/job-ms', async (c) => {
    state.jobMs = Number((await c.req.json()).ms);
    return c.json({ ok: true });
  });
  app.get('/__control/seen', (c) => c.json(state.seen));
  app.post('/__control/reset', (c) => {
    state.faults = [];
    state.seen = [];
    state.jobMs = 2500;
    return c.json({ ok: true });
  });
}

/** Pictures the fake has made or been given, served from its own host. */
export class PictureStore {
  private readonly pictures = new Map<string, Buffer>();
  private next = 1;

  put(bytes: Buffer, prefix = 'p'): string {
    const id = `${prefix}${this.next++}`;
    this.pictures.set(id, bytes);
    return id;
  }

  get(id: string): Buffer | undefined {
    return this.pictures.get(id);
  }
}

/** The bytes of a data: URI, or a raw base64 string. */
export function bytesOfDataUri(value: string): Buffer {
  const comma = value.indexOf(',');
  return Buffer.from(value.startsWith('data:') ? value.slice(comma + 1) : value, 'base64');
}

/**
 * What a model would send back: the input with the masked region repainted (a colour that
 * depends on the seed), a slight colour shift everywhere (+6 red), at another size (3/2).
 * White in the mask repaints; without a mask everything is repainted.
 */
export function paintResult(imagePng: Buffer, maskPng: Buffer | null, seed: number, invertMask = false): Buffer {
  const image = PNG.sync.read(imagePng);
  const mask = maskPng ? PNG.sync.read(maskPng) : null;
  const { width, height } = image;
  const out = new PNG({ width: Math.round((width * 3) / 2), height: Math.round((height * 3) / 2) });
  const fill = [(seed * 97) % 256, (seed * 57 + 80) % 256, (seed * 31 + 160) % 256];
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const sx = Math.min(width - 1, Math.floor((x * width) / out.width));
      const sy = Math.min(height - 1, Math.floor((y * height) / out.height));
      const from = (sy * width + sx) * 4;
      let repaint = true;
      if (mask) {
        const mx = Math.min(mask.width - 1, Math.floor((sx * mask.width) / width));
        const my = Math.min(mask.height - 1, Math.floor((sy * mask.height) / height));
        const value = mask.data[(my * mask.width + mx) * 4];
        repaint = invertMask ? value < 128 : value >= 128;
      }
      const to = (y * out.width + x) * 4;
      for (let c = 0; c < 3; c++) out.data[to + c] = repaint ? fill[c] : Math.min(255, image.data[from + c] + (c === 0 ? 6 : 0));
      out.data[to + 3] = 255;
    }
  }
  return PNG.sync.write(out);
}

/**
 * Typed arrays the model worker reuses from one call to the next, by name. A fresh multi-MB
 * array costs a page fault per 4 KB page when first written (10-20 ms for 3 MB on the
 * virtual machines measured here, more than the arithmetic), and the worker runs one call at
 * a time, so each tensor's buffer is made once per size. Never hand one out of the worker.
 */
export class Scratch {
  private readonly arrays = new Map<string, Float32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>();

  float32(name: string, length: number): Float32Array<ArrayBuffer> {
    return this.take(`float32 ${name}`, length, (n) => new Float32Array(n)) as Float32Array<ArrayBuffer>;
  }

  uint8(name: string, length: number): Uint8Array<ArrayBuffer> {
    return this.take(`uint8 ${name}`, length, (n) => new Uint8Array(n)) as Uint8Array<ArrayBuffer>;
  }

  /** Lets every buffer go (when the sessions go). */
  clear() {
    this.arrays.clear();
  }

  private take(key: string, length: number, make: (length: number) => Float32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>) {
    const kept = this.arrays.get(key);
    if (kept?.length === length) return kept;
    const made = make(length);
    this.arrays.set(key, made);
    return made;
  }
}

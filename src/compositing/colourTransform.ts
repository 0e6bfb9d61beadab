/** A per-channel affine colour correction: v' = v * gain + offset (red, green, blue; alpha untouched). */
export interface ColourTransform {
  gain: [number, number, number];
  offset: [number, number, number];
  /** How many ring pixels it was measured on. */
  ringPixels: number;
}

const identity = new Uint8Array(768);
for (let i = 0; i < 768; i++) identity[i] = i & 255;

/**
 * The transform as three 256-entry lookup tables (red, then green, then blue), rounded and
 * clamped: a table lookup per channel is cheaper than the arithmetic on millions of pixels.
 * null gives the identity.
 */
export function colourTables(t: ColourTransform | null): Uint8Array {
  if (!t) return identity;
  const table = new Uint8Array(768);
  for (let c = 0; c < 3; c++) {
    for (let v = 0; v < 256; v++) {
      table[c * 256 + v] = Math.min(255, Math.max(0, Math.round(v * t.gain[c] + t.offset[c])));
    }
  }
  return table;
}

/** float16 <-> float32, for stages whose tensors are half precision (Uint16Array holding half bits). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toHalf(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i];
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exponent = ((x >>> 23) & 0xff) - 127 + 15;
    const mantissa = x & 0x7fffff;
    if (((x >>> 23) & 0xff) === 0xff) out[i] = sign | 0x7c00 | (mantissa ? 0x200 : 0);
    else if (exponent >= 0x1f) out[i] = sign | 0x7c00;
    else if (exponent <= 0) {
      if (exponent < -10) out[i] = sign;
      else {
        const m = (mantissa | 0x800000) >> (1 - exponent);
        out[i] = sign | ((m + 0x1000) >> 13);
      }
    } else out[i] = sign | (exponent << 10) | ((mantissa + 0x1000) >> 13);
  }
  return out;
}

export function fromHalf(values: Uint16Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const h = values[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) out[i] = sign * mantissa * 2 ** -24;
    else if (exponent === 31) out[i] = mantissa ? NaN : sign * Infinity;
    else out[i] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return out;
}

/**
 * What the fill works on: one scale of the crop. Each pixel holds R, G, B, A and two
 * texture features (features.ts), as floats so repeated votes do not round away detail.
 */
export const CHANNELS = 6;

/** Texture features count this much against colour in patch distances. */
export const FEATURE_WEIGHT = 32;

export interface Level {
  width: number;
  height: number;
  /** CHANNELS values per pixel, row by row. */
  pixels: Float32Array;
  /** 1 where the pixel is (still) to be made up. */
  hole: Uint8Array;
}

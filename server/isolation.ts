/** Cross-origin isolation lets the ONNX runtime use wasm threads (SharedArrayBuffer). */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

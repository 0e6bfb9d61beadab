import { ballast } from './ballast';
import { modelBytes, node, tensor, valueInfo } from './graph';

/** For benchmarks: convolutions that add compute but not change the output, and an unused weight that adds bytes to download. */
export interface LamaBenchOptions {
  ballast?: { channels: number; layers: number };
  paddingBytes?: number;
}

/**
 * MI-GAN-shaped: `image` uint8 [B,3,H,W], `mask` uint8 [B,1,H,W] with 255 = keep, 0 = hole
 * -> `result` uint8 [B,3,H,W]; dynamic H and W. The hole is filled with a flat colour
 * (40, 200, 90) so a test can tell a filled pixel from a kept one.
 */
export function miganShaped(): Uint8Array {
  return modelBytes({
    name: 'migan-shaped',
    inputs: [valueInfo('image', 'uint8', ['batch', 3, 'height', 'width']), valueInfo('mask', 'uint8', ['batch', 1, 'height', 'width'])],
    outputs: [valueInfo('result', 'uint8', ['batch', 3, 'height', 'width'])],
    initializers: [tensor('scale', 'float32', [], [1 / 255]), tensor('one', 'float32', [], [1]), tensor('fill', 'float32', [1, 3, 1, 1], [40, 200, 90])],
    nodes: [
      node('Cast', ['image'], ['imageF'], { to: 1 }),
      node('Cast', ['mask'], ['maskF'], { to: 1 }),
      node('Mul', ['maskF', 'scale'], ['keep']),
      node('Sub', ['one', 'keep'], ['hole']),
      node('Mul', ['imageF', 'keep'], ['kept']),
      node('Mul', ['fill', 'hole'], ['filled']),
      node('Add', ['kept', 'filled'], ['sum']),
      node('Round', ['sum'], ['rounded']),
      node('Cast', ['rounded'], ['result'], { to: 2 }),
    ],
  });
}

/**
 * LaMa-shaped: `image` float32 [1,3,512,512] in [0,1], `mask` float32 [1,1,512,512] with
 * 1 = hole -> `output` float32 [1,3,512,512] in [0,255] (as the Carve export scales it).
 * The hole gets a flat (200, 60, 120).
 */
export function lamaShaped(bench: LamaBenchOptions = {}): Uint8Array {
  const work = bench.ballast ? ballast('image', 3, bench.ballast.channels, bench.ballast.layers) : null;
  const padding = bench.paddingBytes ? [tensor('download_padding', 'float32', [bench.paddingBytes / 4], new Float32Array(bench.paddingBytes / 4).fill(0.5))] : [];
  return modelBytes({
    name: 'lama-shaped',
    inputs: [valueInfo('image', 'float32', [1, 3, 512, 512]), valueInfo('mask', 'float32', [1, 1, 512, 512])],
    outputs: [valueInfo('output', 'float32', [1, 3, 512, 512])],
    initializers: [tensor('k255', 'float32', [], [255]), tensor('one', 'float32', [], [1]), tensor('fill', 'float32', [1, 3, 1, 1], [200, 60, 120]), ...(work?.initializers ?? []), ...padding],
    nodes: [
      node('Sub', ['one', 'mask'], ['keep']),
      node('Mul', ['image', 'k255'], ['pixels']),
      node('Mul', ['pixels', 'keep'], ['kept']),
      node('Mul', ['fill', 'mask'], ['filled']),
      node('Add', ['kept', 'filled'], [work ? 'exact' : 'output']),
      ...(work ? [...work.nodes, node('Add', ['exact', work.output], ['output'])] : []),
    ],
  });
}

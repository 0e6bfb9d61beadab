import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../image/rgba';
import { SAM_LOW_RES } from './sam';
import { SamRunner, type SamOrt, type SamSession } from './samRunner';

/** Fake tensors and sessions: the encoder answers zeros, the decoder a mask over the left half. */
class Tensor {
  constructor(
    readonly type: 'float32',
    readonly data: Float32Array,
    readonly dims: readonly number[],
  ) {}
}
const ort: SamOrt = { Tensor };

const photo: RgbaImage = { width: 4, height: 2, data: new Uint8ClampedArray(4 * 2 * 4) };
const files = { encoder: new Blob(['encoder']), decoder: new Blob(['decoder']) };

/** Sessions that fail where `failOn` says while on WebGPU; `made` lists where each session was made. */
function fakeBackends(failOn: { create?: boolean; encode?: boolean; decode?: boolean }) {
  const made: string[] = [];
  const create = async (graph: Blob, failure?: string): Promise<SamSession> => {
    const onGpu = !failure;
    const which = (await graph.text()) as 'encoder' | 'decoder';
    if (onGpu && failOn.create) throw new Error('no GPU device');
    made.push(`${which} on ${onGpu ? 'webgpu' : 'wasm'}`);
    const failsHere = onGpu && (which === 'encoder' ? failOn.encode : failOn.decode);
    return {
      inputNames: which === 'encoder' ? ['input_image'] : [],
      outputNames: which === 'encoder' ? ['image_embeddings'] : ['masks', 'iou_predictions', 'low_res_masks'],
      release: async () => {},
      run: async (): Promise<Record<string, Tensor>> => {
        if (failsHere) throw new Error(`${which} lost the device`);
        if (which === 'encoder') return { image_embeddings: new Tensor('float32', new Float32Array(256 * 64 * 64), [1, 256, 64, 64]) };
        return {
          masks: new Tensor('float32', Float32Array.of(1, 1, -1, -1, 1, 1, -1, -1), [1, 1, 2, 4]),
          low_res_masks: new Tensor('float32', new Float32Array(SAM_LOW_RES * SAM_LOW_RES), [1, 1, SAM_LOW_RES, SAM_LOW_RES]),
        };
      },
    };
  };
  return { made, sam: new SamRunner(ort, create, async () => true) };
}

const click = [{ x: 0, y: 0, positive: true }];

describe('SamRunner on WebGPU that fails', () => {
  it('makes the sessions on WASM when making them on WebGPU fails, and says why', async () => {
    const { made, sam } = fakeBackends({ create: true });
    const embedded = await sam.embed('sam', files, 'photo', async () => photo, () => {});
    expect(embedded.fellBack).toBe('no GPU device');
    expect(made).toEqual(['encoder on wasm', 'decoder on wasm']);
    const proposal = await sam.decode('sam', 'photo', click, null);
    expect(proposal?.area).toBe(4);
    expect(proposal?.fellBack).toBeUndefined();
  });

  it('runs the encoder again on WASM when it fails on WebGPU', async () => {
    const { made, sam } = fakeBackends({ encode: true });
    const embedded = await sam.embed('sam', files, 'photo', async () => photo, () => {});
    expect(embedded.fellBack).toBe('encoder lost the device');
    expect(made).toEqual(['encoder on webgpu', 'decoder on webgpu', 'encoder on wasm', 'decoder on wasm']);
    expect(sam.has('sam', 'photo')).toBe(true);
  });

  it('moves to WASM on a click whose decoder fails, once: later clicks stay there', async () => {
    const { made, sam } = fakeBackends({ decode: true });
    expect((await sam.embed('sam', files, 'photo', async () => photo, () => {})).fellBack).toBeUndefined();
    const first = await sam.decode('sam', 'photo', click, null);
    expect(first?.fellBack).toBe('decoder lost the device');
    expect(Array.from(first!.mask)).toEqual([255, 255, 0, 0, 255, 255, 0, 0]);
    const second = await sam.decode('sam', 'photo', click, first!.lowRes);
    expect(second?.fellBack).toBeUndefined();
    expect(made).toEqual(['encoder on webgpu', 'decoder on webgpu', 'encoder on wasm', 'decoder on wasm']);
  });
});

import type { ModelKind, ModelTask } from './catalog';
import { recogniseRemover, type TensorInfo } from './removers';

/**
 * What a single .onnx file is, by its inputs (and outputs): a MI-GAN- or LaMa-shaped
 * remover, or an ISNet- or U-2-Netp-shaped subject model. Null when it is none of them.
 */
export function recogniseModel(inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): { task: ModelTask; kind: ModelKind } | null {
  const remover = recogniseRemover(inputs);
  if (remover) return { task: 'remove', kind: remover };
  if (inputs.length === 1 && inputs[0].type === 'float32' && inputs[0].shape.length === 4 && inputs[0].shape[1] === 3 && outputs.length >= 1) {
    const side = inputs[0].shape[3];
    if (side === 1024) return { task: 'subject', kind: 'isnet' };
    if (side === 320) return { task: 'subject', kind: 'u2netp' };
  }
  return null;
}

/** The inputs in a line, for a message about a file that is none of the models the editor knows. */
export const describeInputs = (inputs: readonly TensorInfo[]) =>
  inputs.map((i) => `${i.name} ${i.type} [${i.shape.map((d) => d ?? '?').join(',')}]`).join(', ');

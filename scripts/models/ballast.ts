import { node, random, tensor } from './graph';

/**
 * Work that changes nothing: a stack of 3x3 convolutions on `input` ([B, inChannels, H, W],
 * float32), multiplied by zero. Added to a test model's output, it gives the model the
 * compute of a real network so a benchmark can weigh the code around session.run against
 * it, while the output stays exactly what the tests expect.
 */
export function ballast(input: string, inChannels: number, channels: number, layers: number, seed = 1) {
  const rand = random(seed);
  const initializers = [tensor('ballast_zero', 'float32', [], [0])];
  const nodes = [];
  let from = input;
  let fromChannels = inChannels;
  for (let layer = 0; layer <= layers; layer++) {
    const to = layer === layers ? inChannels : channels;
    const weights = Float32Array.from({ length: to * fromChannels * 9 }, () => (rand() - 0.5) / (3 * Math.sqrt(fromChannels)));
    initializers.push(tensor(`ballast_w${layer}`, 'float32', [to, fromChannels, 3, 3], weights));
    nodes.push(node('Conv', [from, `ballast_w${layer}`], [`ballast_c${layer}`], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }));
    nodes.push(node('Relu', [`ballast_c${layer}`], [`ballast_r${layer}`]));
    from = `ballast_r${layer}`;
    fromChannels = to;
  }
  nodes.push(node('Mul', [from, 'ballast_zero'], ['ballast']));
  return { initializers, nodes, output: 'ballast' };
}

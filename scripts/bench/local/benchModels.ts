import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VARIANTS, diffusionFolder } from '../../models/diffusion';
import { lamaShaped } from '../../models/removers';

/** The LaMa-shaped remover with 3x3 convolutions enough for session.run to take a real share of a job, and weight bytes to download. */
export const REMOVER = { file: 'lama_fp32.onnx', ballast: { channels: 16, layers: 3 }, paddingBytes: 96 * 2 ** 20 };
/** The 9-channel tiny Stable Diffusion folder (64x64 latents for a 512 photo) with UNet convolutions. */
export const DIFFUSION = { folder: 'sd-bench', ballast: { channels: 48, layers: 2 } };

/** Writes the benchmark's models to a temporary folder (they are too big for the repository and made in a second). */
export function writeBenchModels(): string {
  const dir = join(tmpdir(), 'inpaint-studio-bench-models');
  const write = (path: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  };
  write(REMOVER.file, lamaShaped({ ballast: REMOVER.ballast, paddingBytes: REMOVER.paddingBytes }));
  const variant = { ...VARIANTS.find((v) => v.folder === 'sd-inpaint')!, ballast: DIFFUSION.ballast };
  for (const [path, bytes] of diffusionFolder(variant)) write(`${DIFFUSION.folder}/${path}`, bytes);
  return dir;
}

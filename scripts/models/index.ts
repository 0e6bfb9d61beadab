import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VARIANTS, diffusionFolder } from './diffusion';
import { lamaShaped, miganShaped } from './removers';
import { isnetShaped, samDecoderShaped, samEncoderShaped, u2netpShaped } from './segmentation';

/** Every generated file by its path under test-models/ (file names as the real models'), manifest excluded. */
export function buildTestModels(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([
    ['migan_pipeline_v2.onnx', miganShaped()],
    ['lama_fp32.onnx', lamaShaped()],
    ['isnet-general-use.onnx', isnetShaped()],
    ['u2netp.onnx', u2netpShaped()],
    ['mobile_sam_image_encoder.onnx', samEncoderShaped()],
    ['sam_mask_decoder_single.onnx', samDecoderShaped()],
  ]);
  for (const variant of VARIANTS) for (const [path, bytes] of diffusionFolder(variant)) files.set(`${variant.folder}/${path}`, bytes);
  return files;
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function manifest(files: Map<string, Uint8Array>) {
  const entries: ManifestEntry[] = [...files.keys()].sort().map((path) => ({ path, bytes: files.get(path)!.length, sha256: sha256(files.get(path)!) }));
  return { generator: 'scripts/models/generate.ts (npm run models)', files: entries };
}

const sameBytes = (path: string, bytes: Uint8Array) => {
  if (!existsSync(path)) return false;
  const old = readFileSync(path);
  return old.length === bytes.length && old.equals(bytes);
};

/**
 * Writes the models and `manifest.json` under `dir`, leaving files that are already up to
 * date alone and removing the ones an older manifest listed that are gone now.
 */
export function writeTestModels(dir: string): { written: string[]; unchanged: number; removed: string[] } {
  const files = buildTestModels();
  const list = manifest(files);
  const all = new Map(files).set('manifest.json', new TextEncoder().encode(`${JSON.stringify(list, null, 2)}\n`));
  const manifestPath = join(dir, 'manifest.json');
  const previous: string[] = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')).files ?? []).map((f: ManifestEntry) => f.path) : [];
  const written: string[] = [];
  let unchanged = 0;
  for (const [path, bytes] of all) {
    const target = join(dir, path);
    if (sameBytes(target, bytes)) {
      unchanged++;
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written.push(path);
  }
  const removed = previous.filter((path) => !files.has(path) && !path.includes('..'));
  for (const path of removed) rmSync(join(dir, path), { force: true });
  return { written, unchanged, removed };
}

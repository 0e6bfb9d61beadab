/**
 * The models the local engine knows: what each does, where its files are (with a mirror),
 * their sizes and SHA-256, licence and the least backend it needs. Add an entry to offer a
 * model; "Add model from URL" and "Load model from folder" add more at run time.
 */
export type ModelTask = 'remove' | 'inpaint' | 'subject' | 'points';
export type ModelKind = 'migan' | 'lama' | 'sd' | 'isnet' | 'u2netp' | 'mobilesam';

export interface ModelFile {
  /** Path inside the model: the graph (`model.onnx`), its weights (`unet/model.onnx_data`), configs. */
  path: string;
  url: string;
  mirrorUrl?: string;
  size?: number;
  /** Unknown for some hosted files: the first complete download pins it (and the UI says so). */
  sha256?: string;
}

export interface LocalModel {
  id: string;
  name: string;
  task: ModelTask;
  kind: ModelKind;
  files: ModelFile[];
  /** The graph to run, for single-graph models. */
  main: string;
  licence: string;
  minBackend: 'wasm' | 'webgpu';
  /** Where it came from: the catalog, a URL the user added, or a folder from their disk. */
  source: 'catalog' | 'url' | 'folder';
}

export const totalSize = (model: LocalModel) => model.files.reduce((sum, f) => sum + (f.size ?? 0), 0);

const hf = (repo: string, commit: string, path: string) => `https://huggingface.co/${repo}/resolve/${commit}/${path}`;

export const catalog: LocalModel[] = [
  {
    id: 'migan',
    name: 'MI-GAN',
    task: 'remove',
    kind: 'migan',
    main: 'migan_pipeline_v2.onnx',
    files: [
      {
        path: 'migan_pipeline_v2.onnx',
        url: hf('andraniksargsyan/migan', '1538c135034b8cfe7a8472f34d09c8a5a45b17a7', 'migan_pipeline_v2.onnx'),
        mirrorUrl: 'https://hf-mirror.com/andraniksargsyan/migan/resolve/1538c135034b8cfe7a8472f34d09c8a5a45b17a7/migan_pipeline_v2.onnx',
        size: 28_079_181,
        sha256: '6f1f3530a1a2324b19752018ce756088b07973cda8d7d890034ace5c8a48c40b',
      },
    ],
    licence: 'MIT',
    minBackend: 'wasm',
    source: 'catalog',
  },
  {
    id: 'lama',
    name: 'LaMa',
    task: 'remove',
    kind: 'lama',
    main: 'lama_fp32.onnx',
    files: [
      {
        path: 'lama_fp32.onnx',
        url: 'https://huggingface.co/Carve/LaMa-ONNX/resolve/main/lama_fp32.onnx',
        mirrorUrl: 'https://hf-mirror.com/Carve/LaMa-ONNX/resolve/main/lama_fp32.onnx',
        size: 208_044_816,
        sha256: '1faef5301d78db7dda502fe59966957ec4b79dd64e16f03ed96913c7a4eb68d6',
      },
    ],
    licence: 'Apache-2.0',
    minBackend: 'wasm',
    source: 'catalog',
  },
];

/** What is wrong with a catalog entry, in words; empty when it is sound. */
export function checkCatalogEntry(model: LocalModel): string[] {
  const problems: string[] = [];
  if (!model.id || !/^[a-z0-9][a-z0-9._-]*$/i.test(model.id)) problems.push(`${model.id}: the id must be letters, digits, . _ -`);
  if (!model.files.length) problems.push(`${model.id}: no files`);
  if (!model.files.some((f) => f.path === model.main) && model.kind !== 'sd') problems.push(`${model.id}: its main graph ${model.main} is not among its files`);
  for (const file of model.files) {
    if (!/^https:\/\//.test(file.url) && model.source === 'catalog') problems.push(`${model.id}/${file.path}: catalog files are fetched over https`);
    if (file.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(file.sha256)) problems.push(`${model.id}/${file.path}: sha256 must be 64 hex digits`);
    if (file.size !== undefined && !(Number.isInteger(file.size) && file.size > 0)) problems.push(`${model.id}/${file.path}: size must be a positive whole number`);
    if (file.path.split('/').some((part) => part === '..' || part === '')) problems.push(`${model.id}/${file.path}: bad path`);
  }
  return problems;
}

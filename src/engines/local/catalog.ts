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
  /** A distilled few-step model (SD-Turbo): no guidance, 1-4 steps. */
  turbo?: boolean;
  /** Added by URL and not opened yet: its task and kind are a guess until its inputs are read. */
  unrecognised?: boolean;
}

export const totalSize = (model: LocalModel) => model.files.reduce((sum, f) => sum + (f.size ?? 0), 0);

const hf = (repo: string, commit: string, path: string) => `https://huggingface.co/${repo}/resolve/${commit}/${path}`;

const MOBILESAM_COMMIT = '0d3b403339b4674a82493d5e97964dd78089ddc8';

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
  // Select subject: rembg's exports, from a Hugging Face copy (GitHub release files send no
  // CORS headers); sizes as rembg publishes them, hashes pinned by the first download.
  {
    id: 'isnet-general-use',
    name: 'ISNet general-use',
    task: 'subject',
    kind: 'isnet',
    main: 'isnet-general-use.onnx',
    files: [
      {
        path: 'isnet-general-use.onnx',
        url: 'https://huggingface.co/tomjackson2023/rembg/resolve/main/isnet-general-use.onnx',
        mirrorUrl: 'https://hf-mirror.com/tomjackson2023/rembg/resolve/main/isnet-general-use.onnx',
        size: 178_648_008,
      },
    ],
    licence: 'Apache-2.0 (DIS code; the weights state no licence of their own)',
    minBackend: 'wasm',
    source: 'catalog',
  },
  {
    id: 'u2netp',
    name: 'U-2-Netp (small)',
    task: 'subject',
    kind: 'u2netp',
    main: 'u2netp.onnx',
    files: [
      {
        path: 'u2netp.onnx',
        url: 'https://huggingface.co/tomjackson2023/rembg/resolve/main/u2netp.onnx',
        mirrorUrl: 'https://hf-mirror.com/tomjackson2023/rembg/resolve/main/u2netp.onnx',
        size: 4_574_861,
      },
    ],
    licence: 'Apache-2.0',
    minBackend: 'wasm',
    source: 'catalog',
  },
  // Click to segment: the encoder computes the photo's embedding once, the decoder answers each click.
  {
    id: 'mobilesam',
    name: 'MobileSAM (Click to segment)',
    task: 'points',
    kind: 'mobilesam',
    main: 'mobile_sam_image_encoder.onnx',
    files: [
      {
        path: 'mobile_sam_image_encoder.onnx',
        url: hf('Acly/MobileSAM', MOBILESAM_COMMIT, 'mobile_sam_image_encoder.onnx'),
        mirrorUrl: `https://hf-mirror.com/Acly/MobileSAM/resolve/${MOBILESAM_COMMIT}/mobile_sam_image_encoder.onnx`,
        size: 28_157_093,
        sha256: '580f5fb648ea1062c0aabc26217aed56921985f03f0cbbd852bba81d760cc749',
      },
      {
        path: 'sam_mask_decoder_single.onnx',
        url: hf('Acly/MobileSAM', MOBILESAM_COMMIT, 'sam_mask_decoder_single.onnx'),
        mirrorUrl: `https://hf-mirror.com/Acly/MobileSAM/resolve/${MOBILESAM_COMMIT}/sam_mask_decoder_single.onnx`,
        size: 16_501_323,
        sha256: '93915fc7c993ab9d59ab8c9ccd3bce37f7509c81ab4150a74abd4d2abbd8570d',
      },
    ],
    licence: 'Apache-2.0 (MobileSAM weights; the ONNX export’s repository says MIT)',
    minBackend: 'wasm',
    source: 'catalog',
  },
  // Stable Diffusion folders: hashes not recorded here, so the first complete download pins each file.
  {
    id: 'sd15-inpainting-fp16',
    name: 'Stable Diffusion 1.5 inpainting (fp16, WebGPU)',
    task: 'inpaint',
    kind: 'sd',
    main: 'unet/model.onnx',
    files: diffusionFiles('https://huggingface.co/jdp8/optimum-sd-inpainting-onnx-fp16/resolve/main', {
      mirror: 'https://hf-mirror.com/jdp8/optimum-sd-inpainting-onnx-fp16/resolve/main',
    }),
    licence: 'CreativeML OpenRAIL-M',
    minBackend: 'webgpu',
    source: 'catalog',
  },
  {
    id: 'sd15-fp16',
    name: 'Stable Diffusion 1.5 (4-channel, fp16, WebGPU)',
    task: 'inpaint',
    kind: 'sd',
    main: 'unet/model.onnx',
    files: diffusionFiles('https://huggingface.co/nmkd/stable-diffusion-1.5-onnx-fp16/resolve/main', {
      mirror: 'https://hf-mirror.com/nmkd/stable-diffusion-1.5-onnx-fp16/resolve/main',
    }),
    licence: 'CreativeML OpenRAIL-M',
    minBackend: 'webgpu',
    source: 'catalog',
  },
  // The fp16 graphs of onnxruntime's SD-Turbo browser demo; the folder's configs and tokenizer from Stability's own repository.
  {
    id: 'sd-turbo-fp16',
    name: 'SD-Turbo (4-channel, fp16, WebGPU)',
    task: 'inpaint',
    kind: 'sd',
    main: 'unet/model.onnx',
    files: diffusionFiles('https://huggingface.co/schmuell/sd-turbo-ort-web/resolve/main', {
      mirror: 'https://hf-mirror.com/schmuell/sd-turbo-ort-web/resolve/main',
      configs: { base: 'https://huggingface.co/stabilityai/sd-turbo/resolve/main', mirror: 'https://hf-mirror.com/stabilityai/sd-turbo/resolve/main' },
    }),
    licence: 'Stability AI Non-Commercial Research Community License (SD-Turbo)',
    minBackend: 'webgpu',
    source: 'catalog',
    turbo: true,
  },
];

/**
 * The files of a Stable Diffusion folder in the Optimum/diffusers ONNX layout, with the
 * weights kept apart where the export did; `configs`: where the JSON and tokenizer files are,
 * when the graphs' host has none.
 */
export function diffusionFiles(base: string, options: { externalData?: string[]; mirror?: string; configs?: { base: string; mirror?: string } } = {}): ModelFile[] {
  const paths = [
    'model_index.json',
    'scheduler/scheduler_config.json',
    'tokenizer/vocab.json',
    'tokenizer/merges.txt',
    'text_encoder/model.onnx',
    'unet/model.onnx',
    'vae_encoder/model.onnx',
    'vae_decoder/model.onnx',
    ...(options.externalData ?? []),
  ];
  const at = (root: string, path: string) => `${root.replace(/\/+$/, '')}/${path}`;
  return paths.map((path) => {
    const from = options.configs && !path.endsWith('.onnx') && !path.includes('onnx_data') ? options.configs : { base, mirror: options.mirror };
    return { path, url: at(from.base, path), mirrorUrl: from.mirror ? at(from.mirror, path) : undefined };
  });
}


/** What is wrong with a catalog entry, in words; empty when it is sound. */
export function checkCatalogEntry(model: LocalModel): string[] {
  const problems: string[] = [];
  if (!model.id || !/^[a-z0-9][a-z0-9._-]*$/i.test(model.id)) problems.push(`${model.id}: the id must be letters, digits, . _ -`);
  if (!model.files.length) problems.push(`${model.id}: no files`);
  if (!model.files.some((f) => f.path === model.main)) problems.push(`${model.id}: its main graph ${model.main} is not among its files`);
  for (const file of model.files) {
    if (!/^https:\/\//.test(file.url) && model.source === 'catalog') problems.push(`${model.id}/${file.path}: catalog files are fetched over https`);
    if (file.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(file.sha256)) problems.push(`${model.id}/${file.path}: sha256 must be 64 hex digits`);
    if (file.size !== undefined && !(Number.isInteger(file.size) && file.size > 0)) problems.push(`${model.id}/${file.path}: size must be a positive whole number`);
    if (file.path.split('/').some((part) => part === '..' || part === '')) problems.push(`${model.id}/${file.path}: bad path`);
  }
  return problems;
}

import { describe, expect, it } from 'vitest';
import { catalog, checkCatalogEntry, diffusionFiles, type LocalModel } from './catalog';

describe('the model catalog', () => {
  it('holds only sound entries, each file with a mirror; removers with a pinned hash and size', () => {
    for (const model of catalog) {
      expect({ model: model.id, problems: checkCatalogEntry(model) }).toEqual({ model: model.id, problems: [] });
      for (const file of model.files) {
        expect(file.mirrorUrl).toMatch(/^https:\/\//);
        if (model.task !== 'remove') continue;
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.size).toBeGreaterThan(0);
      }
    }
    expect(new Set(catalog.map((m) => m.id)).size).toBe(catalog.length);
  });

  const entry: LocalModel = { ...catalog[0], files: [{ ...catalog[0].files[0] }] };

  it.each<[string, Partial<LocalModel>, RegExp]>([
    ['an id with spaces', { id: 'my model' }, /id must be/],
    ['no files', { files: [] }, /no files/],
    ['a main graph not among its files', { main: 'other.onnx' }, /main graph/],
    ['a plain-http catalog file', { files: [{ path: 'a.onnx', url: 'http://x.test/a.onnx' }] }, /https/],
    ['a hash that is not one', { files: [{ path: 'migan_pipeline_v2.onnx', url: 'https://x.test/a', sha256: 'abc' }] }, /sha256/],
    ['a path climbing out', { main: '../a.onnx', files: [{ path: '../a.onnx', url: 'https://x.test/a' }] }, /bad path/],
  ])('finds %s', (_case, change, problem) => {
    expect(checkCatalogEntry({ ...entry, ...change }).join('\n')).toMatch(problem);
  });
});

describe('diffusionFiles', () => {
  it('lists a folder in the Optimum layout, with the weights kept apart and a mirror', () => {
    const files = diffusionFiles('https://host.test/sd/', { externalData: ['unet/model.onnx_data'], mirror: 'https://mirror.test/sd' });
    expect(files.map((f) => f.path)).toEqual([
      'model_index.json',
      'scheduler/scheduler_config.json',
      'tokenizer/vocab.json',
      'tokenizer/merges.txt',
      'text_encoder/model.onnx',
      'unet/model.onnx',
      'vae_encoder/model.onnx',
      'vae_decoder/model.onnx',
      'unet/model.onnx_data',
    ]);
    expect(files[5]).toEqual({ path: 'unet/model.onnx', url: 'https://host.test/sd/unet/model.onnx', mirrorUrl: 'https://mirror.test/sd/unet/model.onnx' });
  });

  it('takes the configs and tokenizer from another host when the graphs come without them (SD-Turbo)', () => {
    const files = diffusionFiles('https://graphs.test/turbo', { mirror: 'https://mirror.test/turbo', configs: { base: 'https://configs.test/turbo' } });
    const url = (path: string) => files.find((f) => f.path === path)!;
    expect(url('model_index.json')).toEqual({ path: 'model_index.json', url: 'https://configs.test/turbo/model_index.json', mirrorUrl: undefined });
    expect(url('tokenizer/merges.txt').url).toBe('https://configs.test/turbo/tokenizer/merges.txt');
    expect(url('unet/model.onnx')).toEqual({ path: 'unet/model.onnx', url: 'https://graphs.test/turbo/unet/model.onnx', mirrorUrl: 'https://mirror.test/turbo/unet/model.onnx' });
  });
});

import { describe, expect, it } from 'vitest';
import { catalog, checkCatalogEntry, type LocalModel } from './catalog';

describe('the model catalog', () => {
  it('holds only sound entries, each with a pinned hash, a size and a mirror', () => {
    for (const model of catalog) {
      expect({ model: model.id, problems: checkCatalogEntry(model) }).toEqual({ model: model.id, problems: [] });
      for (const file of model.files) {
        expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(file.size).toBeGreaterThan(0);
        expect(file.mirrorUrl).toMatch(/^https:\/\//);
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

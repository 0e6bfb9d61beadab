import { describe, expect, it } from 'vitest';
import { memoryStore } from './memoryStore';
import { fileNameOf, keyOfFileName, partialNameOf, type ModelStore } from './modelStore';
import { FakeDirectory } from './opfsFake';
import { opfsStore } from './opfsStore';

const bytes = (...values: number[]) => new Uint8Array(values);
const content = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

const stores: [string, () => Promise<ModelStore>][] = [
  ['memory', async () => memoryStore()],
  ['OPFS, sync access handles', () => opfsStore({ root: new FakeDirectory(), mode: 'sync' })],
  ['OPFS, async writables', () => opfsStore({ root: new FakeDirectory({ sync: false }) })],
  ['OPFS, no move()', () => opfsStore({ root: new FakeDirectory({ move: false }) })],
];

describe.each(stores)('%s store', (_, make) => {
  it('grows a partial file, commits it, reads, lists and deletes', async () => {
    const store = await make();
    const key = 'migan/migan_pipeline_v2.onnx';
    expect(await store.has(key)).toBe(false);
    expect(await store.size(key)).toBeUndefined();
    expect(await store.partialSize(key)).toBe(0);
    expect(await content(await store.readPartial(key))).toEqual([]);

    await store.appendPartial(key, bytes(1, 2, 3));
    await store.appendPartial(key, bytes(4, 5));
    expect(await store.partialSize(key)).toBe(5);
    await store.closePartial(key);
    expect(await content(await store.readPartial(key))).toEqual([1, 2, 3, 4, 5]);
    // Appending after a read goes on at the end.
    await store.appendPartial(key, bytes(6));
    expect(await store.listPartials()).toEqual([{ key, size: 6 }]);
    expect(await store.has(key)).toBe(false);

    await store.commit(key);
    expect(await store.has(key)).toBe(true);
    expect(await store.size(key)).toBe(6);
    expect(await store.partialSize(key)).toBe(0);
    expect(await content(await store.read(key))).toEqual([1, 2, 3, 4, 5, 6]);

    await store.appendPartial('lama.onnx', bytes(9));
    await store.commit('lama.onnx');
    expect(await store.list()).toEqual([
      { key: 'lama.onnx', size: 1 },
      { key, size: 6 },
    ]);
    expect(await store.listPartials()).toEqual([]);

    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await store.list()).toEqual([{ key: 'lama.onnx', size: 1 }]);
    await expect(store.read(key)).rejects.toThrow(/not stored/);
  });

  it('commit replaces an older file; delete removes the partial too; deletePartial keeps the file', async () => {
    const store = await make();
    await store.appendPartial('m', bytes(1, 1));
    await store.commit('m');
    await store.appendPartial('m', bytes(2, 2, 2));
    await store.deletePartial('m');
    expect(await store.partialSize('m')).toBe(0);
    expect(await store.size('m')).toBe(2);
    await store.appendPartial('m', bytes(3));
    await store.commit('m');
    expect(await content(await store.read('m'))).toEqual([3]);
    await store.appendPartial('m', bytes(4));
    await store.delete('m');
    expect(await store.has('m')).toBe(false);
    expect(await store.partialSize('m')).toBe(0);
  });

  it('refuses keys that cannot name a file, and a commit without a partial', async () => {
    const store = await make();
    await expect(store.has('')).rejects.toThrow();
    await expect(store.appendPartial('x.partial', bytes(1))).rejects.toThrow();
    await expect(store.commit('nothing')).rejects.toThrow(/No partial/);
  });
});

describe('OPFS store', () => {
  it('keeps its files in models/ under reversible names', async () => {
    const root = new FakeDirectory();
    const store = await opfsStore({ root });
    await store.appendPartial('sd/unet/model.onnx', bytes(7));
    await store.closePartial('sd/unet/model.onnx');
    const models = root.entriesByName.get('models') as FakeDirectory;
    expect([...models.entriesByName.keys()]).toEqual(['sd%2Funet%2Fmodel.onnx.partial']);
    expect(partialNameOf('sd/unet/model.onnx')).toBe('sd%2Funet%2Fmodel.onnx.partial');
    expect(keyOfFileName(fileNameOf('a b/ü.onnx'))).toEqual({ key: 'a b/ü.onnx', partial: false });
    expect(keyOfFileName('stray file?')).toBeUndefined();
  });

  it('a reload (or another tab) finds the committed files and the closed partial ones', async () => {
    for (const root of [new FakeDirectory(), new FakeDirectory({ sync: false })]) {
      const before = await opfsStore({ root });
      await before.appendPartial('done.onnx', bytes(1, 2));
      await before.commit('done.onnx');
      await before.appendPartial('half.onnx', bytes(3, 4, 5));
      await before.closePartial('half.onnx');

      const after = await opfsStore({ root });
      expect(await after.list()).toEqual([{ key: 'done.onnx', size: 2 }]);
      expect(await after.partialSize('half.onnx')).toBe(3);
      expect(await content(await after.readPartial('half.onnx'))).toEqual([3, 4, 5]);
      expect(await content(await after.read('done.onnx'))).toEqual([1, 2]);
      await after.appendPartial('half.onnx', bytes(6));
      await after.commit('half.onnx');
      expect(await content(await after.read('half.onnx'))).toEqual([3, 4, 5, 6]);
    }
  });

  it('async writables reach the file at checkpoints, growing with the file', async () => {
    const root = new FakeDirectory({ sync: false });
    const store = await opfsStore({ root, checkpointBytes: 4 });
    const models = root.entriesByName.get('models') as FakeDirectory;
    const onDisk = () => models.bytesOf('big.partial')?.length ?? 0;
    await store.appendPartial('big', new Uint8Array(3));
    expect(onDisk()).toBe(0);
    await store.appendPartial('big', new Uint8Array(1));
    expect(onDisk()).toBe(4);
    // Now a checkpoint comes when the file has doubled since the last one, at least 4 bytes later.
    await store.appendPartial('big', new Uint8Array(4));
    expect(onDisk()).toBe(8);
    await store.appendPartial('big', new Uint8Array(7));
    expect(onDisk()).toBe(8);
    await store.appendPartial('big', new Uint8Array(1));
    expect(onDisk()).toBe(16);
    expect(await store.partialSize('big')).toBe(16);
    await store.appendPartial('big', new Uint8Array(1));
    await store.closePartial('big');
    expect(onDisk()).toBe(17);
  });

  it('says so when another tab holds the partial file', async () => {
    const root = new FakeDirectory();
    const first = await opfsStore({ root });
    await first.appendPartial('m', bytes(1));
    const second = await opfsStore({ root });
    await expect(second.appendPartial('m', bytes(2))).rejects.toMatchObject({ name: 'NoModificationAllowedError' });
  });
});

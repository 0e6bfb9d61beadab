import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSessionDb } from '../storage/db';
import { loadEngineSettings, saveEngineSettings } from './secureStore';
import { settingsFor, useEngineSettings } from './store';

const KEY = 'rf_live_secret_value_42';

async function storedText(): Promise<string> {
  const db = await openSessionDb();
  const keys = await db.getAllKeys('session');
  const values = await Promise.all(keys.map((k) => db.get('session', k)));
  return JSON.stringify(values, (_, v) => (v instanceof ArrayBuffer ? new TextDecoder().decode(v) : v));
}

describe('engine settings on this device', () => {
  beforeEach(async () => {
    const db = await openSessionDb();
    await db.clear('session');
    useEngineSettings.setState({ values: {}, remember: false });
  });

  it('keeps a key in memory only, unless asked to remember it', async () => {
    await saveEngineSettings({ values: { runflow: { apiKey: KEY, model: 'org/model' } }, remember: false });
    expect(await storedText()).not.toContain(KEY);
    expect(await storedText()).toContain('org/model');
    await loadEngineSettings();
    expect(settingsFor('runflow')).toEqual({ model: 'org/model', imageToImageModel: 'stability-ai/sdxl-image-to-image' });
  });

  it('remembers a key encrypted, with a key that cannot be read out, and brings it back', async () => {
    await saveEngineSettings({ values: { runflow: { apiKey: KEY } }, remember: true });
    expect(await storedText()).not.toContain(KEY);
    const db = await openSessionDb();
    const deviceKey = (await db.get('session', 'settingsKey')) as CryptoKey;
    expect(deviceKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', deviceKey)).rejects.toThrow();
    await loadEngineSettings();
    expect(settingsFor('runflow').apiKey).toBe(KEY);
    expect(useEngineSettings.getState().remember).toBe(true);
  });

  it('forgets stored keys when remembering is turned off', async () => {
    await saveEngineSettings({ values: { runflow: { apiKey: KEY } }, remember: true });
    await saveEngineSettings({ values: { runflow: { apiKey: KEY } }, remember: false });
    const db = await openSessionDb();
    expect(await db.get('session', 'engineSecrets')).toBeUndefined();
  });
});

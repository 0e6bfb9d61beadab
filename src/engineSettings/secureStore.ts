import { engineById } from '../engines/registry';
import { openSessionDb } from '../storage/db';
import { useEngineSettings, type EngineSettingsState } from './store';

/**
 * Engine settings on this device. Model ids and such are stored as they are; keys only when
 * the user ticks "Remember on this device", and then encrypted (AES-GCM) with a key that
 * WebCrypto made non-extractable: script can use it, never read it out.
 */
interface StoredSecrets {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const isSecret = (engineId: string, key: string) => engineById(engineId)?.settingsFields?.find((f) => f.key === key)?.secret === true;

function split(values: EngineSettingsState['values']) {
  const plain: EngineSettingsState['values'] = {};
  const secret: EngineSettingsState['values'] = {};
  for (const [engineId, fields] of Object.entries(values)) {
    for (const [key, value] of Object.entries(fields)) {
      const into = isSecret(engineId, key) ? secret : plain;
      into[engineId] = { ...into[engineId], [key]: value };
    }
  }
  return { plain, secret };
}

async function deviceKey(create: boolean): Promise<CryptoKey | null> {
  const db = await openSessionDb();
  const stored = (await db.get('session', 'settingsKey')) as CryptoKey | undefined;
  if (stored || !create) return stored ?? null;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await db.put('session', key, 'settingsKey');
  return key;
}

export async function saveEngineSettings(state: EngineSettingsState) {
  const db = await openSessionDb();
  const { plain, secret } = split(state.values);
  await db.put('session', { values: plain, remember: state.remember }, 'engineSettings');
  if (!state.remember) {
    await db.delete('session', 'engineSecrets');
    return;
  }
  const key = (await deviceKey(true))!;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(secret)));
  await db.put('session', { iv, data } satisfies StoredSecrets, 'engineSecrets');
}

/** Brings the settings back; remembered keys are decrypted, and lost quietly if they cannot be. */
export async function loadEngineSettings() {
  const db = await openSessionDb();
  const saved = (await db.get('session', 'engineSettings')) as Partial<EngineSettingsState> | undefined;
  const values: EngineSettingsState['values'] = { ...(saved?.values ?? {}) };
  const sealed = (await db.get('session', 'engineSecrets')) as StoredSecrets | undefined;
  const key = sealed ? await deviceKey(false) : null;
  if (sealed && key) {
    try {
      const text = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data));
      for (const [engineId, fields] of Object.entries(JSON.parse(text) as EngineSettingsState['values'])) values[engineId] = { ...values[engineId], ...fields };
    } catch {
      await db.delete('session', 'engineSecrets');
    }
  }
  // Whatever was typed meanwhile in this tab wins.
  useEngineSettings.setState((s) => ({ remember: saved?.remember === true || s.remember, values: mergeValues(values, s.values) }));
}

function mergeValues(a: EngineSettingsState['values'], b: EngineSettingsState['values']) {
  const out = { ...a };
  for (const [engineId, fields] of Object.entries(b)) out[engineId] = { ...out[engineId], ...fields };
  return out;
}

/** Saves on every change, one write at a time; returns the unsubscribe. */
export function keepEngineSettings(onError: (error: unknown) => void) {
  let writing: Promise<void> = Promise.resolve();
  return useEngineSettings.subscribe((state) => {
    writing = writing.then(() => saveEngineSettings(state)).catch(onError);
  });
}

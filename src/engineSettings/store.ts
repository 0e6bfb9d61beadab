import { create } from 'zustand';
import type { EngineSettings } from '../engines/contract';
import { engineById } from '../engines/registry';

export interface EngineSettingsState {
  /** What the user typed, by engine id and field key. */
  values: Record<string, Record<string, string>>;
  /** Keep keys on this device (encrypted); otherwise they live in this tab's memory only. */
  remember: boolean;
}

/** Settings of the app's own server (its access token), kept beside the engines'. */
export const SERVER_SETTINGS = 'server';

export const useEngineSettings = create<EngineSettingsState>()(() => ({ values: {}, remember: false }));

/** The settings an engine runs with: what the user set, else each field's default. */
export function settingsFor(engineId: string, state: EngineSettingsState = useEngineSettings.getState()): EngineSettings {
  const fields = engineById(engineId)?.settingsFields ?? [];
  const given = state.values[engineId] ?? {};
  const settings: Record<string, string> = {};
  for (const field of fields) {
    const value = given[field.key]?.trim();
    if (value) settings[field.key] = value;
    else if (field.default !== undefined) settings[field.key] = field.default;
  }
  // The app server's access token goes with every engine that talks to it.
  const token = state.values[SERVER_SETTINGS]?.accessToken?.trim();
  if (token && fields.length) settings.accessToken = token;
  return settings;
}

export function setEngineSetting(engineId: string, key: string, value: string) {
  useEngineSettings.setState((s) => ({ values: { ...s.values, [engineId]: { ...s.values[engineId], [key]: value } } }));
}

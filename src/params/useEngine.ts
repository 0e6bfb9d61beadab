import { useMemo } from 'react';
import type { Engine, EngineMeta, EngineSettings } from '../engines/contract';
import { defaultEngineId, engineById } from '../engines/registry';
import { SERVER_SETTINGS, settingsFor, useEngineSettings } from '../engineSettings/store';
import { useParams } from './paramsStore';

const chosen = (engineId: string): Engine => engineById(engineId) ?? engineById(defaultEngineId)!;

/** The engine chosen in the "Engine" select (the default one if a saved choice no longer exists). */
export function useEngine(): Engine {
  return chosen(useParams((s) => s.engineId));
}

/** The chosen engine's settings (model, keys), as it will run with them. */
export function useEngineSettingsOf(engine: Engine): EngineSettings {
  const values = useEngineSettings((s) => s.values[engine.id]);
  const server = useEngineSettings((s) => s.values[SERVER_SETTINGS]);
  return useMemo(() => settingsFor(engine.id, { values: { [engine.id]: values ?? {}, [SERVER_SETTINGS]: server ?? {} }, remember: false }), [engine, values, server]);
}

/** What the chosen engine takes with its settings, for the Parameters panel and validation. */
export function useEngineMeta(): EngineMeta {
  const engine = useEngine();
  const settings = useEngineSettingsOf(engine);
  return useMemo(() => engine.meta(settings), [engine, settings]);
}

/** Outside React: the chosen engine, its settings and its meta now. */
export function currentEngine(): { engine: Engine; settings: EngineSettings; meta: EngineMeta } {
  const engine = chosen(useParams.getState().engineId);
  const settings = settingsFor(engine.id);
  return { engine, settings, meta: engine.meta(settings) };
}

import { defaultEngineId, engineById } from '../engines/registry';
import type { Engine, EngineMeta } from '../engines/contract';
import { useParams } from './paramsStore';

/** The engine chosen in the "Engine" select (the default one if a saved choice no longer exists). */
export function useEngine(): Engine {
  const engineId = useParams((s) => s.engineId);
  return engineById(engineId) ?? engineById(defaultEngineId)!;
}

/** What the chosen engine takes, for the Parameters panel and validation. */
export function useEngineMeta(): EngineMeta {
  return useEngine().meta({});
}

/** Outside React: the chosen engine and its meta now. */
export function currentEngine(): { engine: Engine; meta: EngineMeta } {
  const engine = engineById(useParams.getState().engineId) ?? engineById(defaultEngineId)!;
  return { engine, meta: engine.meta({}) };
}

import { builtinRemover } from './builtinRemover/engine';
import type { Engine } from './contract';
import { localEngine } from './local/engine';
import { modelslab } from './modelslab/engine';
import { runflow } from './runflow/engine';
import { runware } from './runware/engine';
import { scenario } from './scenario/engine';

/** Every engine in the "Engine" select, in order. */
export const engines: Engine[] = [builtinRemover, localEngine, runflow, scenario, runware, modelslab];

export const defaultEngineId = builtinRemover.id;

export function engineById(id: string): Engine | undefined {
  return engines.find((engine) => engine.id === id);
}

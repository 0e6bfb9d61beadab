import { builtinRemover } from './builtinRemover/engine';
import type { Engine } from './contract';
import { runflow } from './runflow/engine';
import { runware } from './runware/engine';

/** Every engine in the "Engine" select, in order. */
export const engines: Engine[] = [builtinRemover, runflow, runware];

export const defaultEngineId = builtinRemover.id;

export function engineById(id: string): Engine | undefined {
  return engines.find((engine) => engine.id === id);
}

import { builtinRemover } from './builtinRemover/engine';
import type { Engine } from './contract';

/** Every engine in the "Engine" select, in order. */
export const engines: Engine[] = [builtinRemover];

export const defaultEngineId = builtinRemover.id;

export function engineById(id: string): Engine | undefined {
  return engines.find((engine) => engine.id === id);
}

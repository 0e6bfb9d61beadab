import { describe, expect, it } from 'vitest';
import { diffusionMeta, removerMeta } from './testMetas';
import { checkEngineMeta } from './checkMeta';
import type { EngineMeta } from './contract';
import { engines } from './registry';

describe('checkEngineMeta', () => {
  it('passes every engine in the registry', () => {
    for (const engine of engines) expect({ engine: engine.id, problems: checkEngineMeta(engine.meta({})) }).toEqual({ engine: engine.id, problems: [] });
  });

  it('passes sound metas', () => {
    expect(checkEngineMeta(diffusionMeta)).toEqual([]);
    expect(checkEngineMeta(removerMeta)).toEqual([]);
  });

  const withParams = (params: Partial<EngineMeta['params']>, extra: Partial<EngineMeta> = {}): EngineMeta => ({
    ...diffusionMeta,
    ...extra,
    params: { ...diffusionMeta.params, ...params },
  });

  it.each<[string, EngineMeta, RegExp]>([
    ['a default outside its range', withParams({ steps: { min: 1, max: 4, default: 25 } }), /steps: default 25 is outside 1..4/],
    ['a range turned round', withParams({ strength: { min: 1, max: 0.5, default: 0.7 } }), /strength: min 1 is above max 0.5/],
    ['a range wider than the editor offers', withParams({ guidanceScale: { min: 0, max: 100, default: 7 } }), /guidanceScale: .* beyond/],
    ['a scheduler default not offered', withParams({ scheduler: { choices: ['ddim'], default: 'lcm' } }), /scheduler: default lcm/],
    ['no scheduler choices', withParams({ scheduler: { choices: [], default: 'ddim' } }), /scheduler: no choices/],
    ['fractional variations', withParams({ variations: { min: 1, max: 2.5, default: 1 } }), /variations: the range must be whole numbers/],
    ['a seed beyond 32 bits', withParams({ seed: { max: 2 ** 40 } }), /seed: max/],
    ['no variations per request', withParams({}, { maxVariationsPerRun: 0 }), /maxVariationsPerRun/],
    ['no concurrency', withParams({}, { concurrency: 0 }), /concurrency/],
    ['size rules that cannot make a size', withParams({}, { sizeRules: { multipleOf: 0 } }), /sizeRules: multipleOf/],
    ['unused parameters without a note', { ...removerMeta, unusedParamsNote: undefined }, /unusedParamsNote/],
  ])('finds %s', (_case, meta, problem) => {
    expect(checkEngineMeta(meta).join('\n')).toMatch(problem);
  });
});

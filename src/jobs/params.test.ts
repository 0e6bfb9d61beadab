import { describe, expect, it } from 'vitest';
import { MAX_SEED } from '../engines/contract';
import { defaultParams, defaultsFor, fieldsFor, numericFields, numericKeys, paramsSchema, rangeMessage, rollSeed } from './params';
import { diffusionMeta, removerMeta } from '../engines/testMetas';

describe('paramsSchema', () => {
  it('accepts the defaults', () => {
    expect(paramsSchema.safeParse(defaultParams).success).toBe(true);
  });

  it('has the exact labels the UI and tests rely on', () => {
    expect(Object.fromEntries(numericKeys.map((k) => [k, numericFields[k].label]))).toEqual({
      strength: 'Strength',
      steps: 'Steps',
      guidanceScale: 'Guidance scale',
      variations: 'Variations',
      padding: 'Padding',
      feather: 'Feather',
      seed: 'Seed',
    });
  });

  it('keeps every numeric default inside its own range', () => {
    for (const key of numericKeys) {
      const { min, max } = numericFields[key];
      expect(defaultParams[key]).toBeGreaterThanOrEqual(min);
      expect(defaultParams[key]).toBeLessThanOrEqual(max);
    }
  });

  it('enforces the metadata bounds exactly at the edges', () => {
    for (const key of numericKeys) {
      const { min, max } = numericFields[key];
      expect(paramsSchema.safeParse({ ...defaultParams, [key]: min }).success).toBe(true);
      expect(paramsSchema.safeParse({ ...defaultParams, [key]: max }).success).toBe(true);
      expect(paramsSchema.safeParse({ ...defaultParams, [key]: max + 1 }).success).toBe(false);
    }
  });

  it('rejects unknown schedulers, areas and formats', () => {
    expect(paramsSchema.safeParse({ ...defaultParams, scheduler: 'k-euler' }).success).toBe(false);
    expect(paramsSchema.safeParse({ ...defaultParams, inpaintArea: 'all' }).success).toBe(false);
    expect(paramsSchema.safeParse({ ...defaultParams, outputFormat: 'gif' }).success).toBe(false);
  });

  it('allows an empty prompt for pure removal', () => {
    expect(paramsSchema.safeParse({ ...defaultParams, prompt: '' }).success).toBe(true);
  });
});

describe('rangeMessage', () => {
  it('says "whole number from" for integers and "between" for decimals, with the engine\'s ranges', () => {
    const fields = fieldsFor(diffusionMeta);
    expect(rangeMessage('steps', fields)).toBe('Steps must be a whole number from 1 to 150');
    expect(rangeMessage('strength', fields)).toBe('Strength must be between 0.01 and 1');
    expect(rangeMessage('guidanceScale', fields)).toBe('Guidance scale must be between 0 and 30');
    expect(rangeMessage('seed', fields)).toBe('Seed must be a whole number from 0 to 4294967295');
  });
});

describe('fieldsFor', () => {
  it('narrows the ranges the engine sets and leaves the editor\'s own fields alone', () => {
    const fields = fieldsFor({ ...diffusionMeta, params: { ...diffusionMeta.params, steps: { min: 1, max: 4, default: 2 }, seed: { max: 1000 } } });
    expect([fields.steps.min, fields.steps.max]).toEqual([1, 4]);
    expect(fields.seed.max).toBe(1000);
    expect(fields.padding).toEqual(numericFields.padding);
    expect(fields.feather).toEqual(numericFields.feather);
  });

  it('keeps the widest range for a parameter the engine does not use', () => {
    expect(fieldsFor(removerMeta).steps).toEqual(numericFields.steps);
  });
});

describe('defaultsFor', () => {
  it('takes the engine\'s defaults and the editor\'s for the rest', () => {
    const turbo = { ...diffusionMeta, params: { ...diffusionMeta.params, steps: { min: 1, max: 4, default: 1 }, guidanceScale: { min: 0, max: 1, default: 0 } } };
    expect(defaultsFor(turbo)).toMatchObject({ steps: 1, guidanceScale: 0, feather: defaultParams.feather, padding: defaultParams.padding });
    expect(defaultsFor(removerMeta).steps).toBe(defaultParams.steps);
  });
});

describe('rollSeed', () => {
  it('maps the random function onto 0..MAX_SEED, or an engine\'s own maximum', () => {
    expect(rollSeed(() => 0)).toBe(0);
    expect(rollSeed(() => 0.5)).toBe(2147483648);
    expect(rollSeed(() => 0.9999999999999999)).toBe(MAX_SEED);
    expect(rollSeed(() => 0.9999999999999999, 99)).toBe(99);
  });
});

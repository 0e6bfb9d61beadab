import { describe, expect, it } from 'vitest';
import {
  defaultParams,
  MAX_SEED,
  numericFields,
  numericKeys,
  paramsSchema,
  rangeMessage,
  rollSeed,
} from './params';

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
  it('says "whole number from" for integers and "between" for decimals', () => {
    expect(rangeMessage('steps')).toBe('Steps must be a whole number from 1 to 150');
    expect(rangeMessage('strength')).toBe('Strength must be between 0.01 and 1');
    expect(rangeMessage('guidanceScale')).toBe('Guidance scale must be between 0 and 30');
    expect(rangeMessage('seed')).toBe('Seed must be a whole number from 0 to 4294967295');
  });
});

describe('rollSeed', () => {
  it('maps the random function onto 0..MAX_SEED', () => {
    expect(rollSeed(() => 0)).toBe(0);
    expect(rollSeed(() => 0.5)).toBe(2147483648);
    expect(rollSeed(() => 0.9999999999999999)).toBe(MAX_SEED);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultsFor, fieldsFor, numericKeys, type NumericKey } from './params';
import { diffusionMeta, removerMeta } from '../engines/testMetas';
import {
  defaultDraft,
  draftFromParams,
  numericFieldError,
  parseNumber,
  validateParams,
  type ParamsDraft,
} from './validateParams';

// Seed and padding are only checked while they are used, so test them in that state.
const strictDraft: ParamsDraft = { ...defaultDraft, randomSeed: false, inpaintArea: 'masked' };
const fields = fieldsFor(diffusionMeta);
const defaultParams = defaultsFor(diffusionMeta);

function errorFor(key: NumericKey, text: string): string | undefined {
  const result = validateParams({ ...strictDraft, [key]: text }, diffusionMeta);
  return result.ok ? undefined : result.errors[key];
}

describe('validateParams', () => {
  it('turns the default draft into the default params', () => {
    expect(validateParams(defaultDraft, diffusionMeta)).toEqual({ ok: true, params: defaultParams });
  });

  it('round-trips params through draftFromParams', () => {
    const params = { ...defaultParams, strength: 0.3, steps: 40, seed: 123456789 };
    expect(validateParams(draftFromParams(params), diffusionMeta)).toEqual({ ok: true, params });
  });

  describe.each(numericKeys)('%s', (key) => {
    const { min, max, step, integer, label } = fields[key];

    it('accepts its min and max typed as text', () => {
      expect(errorFor(key, String(min))).toBeUndefined();
      expect(errorFor(key, String(max))).toBeUndefined();
    });

    it.each([
      ['below min', String(min - step)],
      ['above max', String(max + step)],
      ['empty', ''],
      ['blank', '   '],
      ['non-numeric text', 'abc'],
      ['hex', '0x10'],
      ['Infinity', 'Infinity'],
    ])('rejects %s with a message naming the range', (_case, text) => {
      const message = errorFor(key, text);
      expect(message).toContain(label);
      expect(message).toContain(`${min}`);
      expect(message).toContain(`${max}`);
    });

    if (integer) {
      it('rejects a fraction', () => {
        expect(errorFor(key, String(min + 0.5))).toMatch(/whole number/);
      });
    }
  });

  it('uses the exact wording for steps and strength', () => {
    expect(errorFor('steps', '0')).toBe('Steps must be a whole number from 1 to 150');
    expect(errorFor('strength', '0')).toBe('Strength must be between 0.01 and 1');
  });

  it('reports every bad field at once, not just the first', () => {
    const result = validateParams({ ...strictDraft, steps: '0', variations: '9', strength: 'x' }, diffusionMeta);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['steps', 'strength', 'variations']);
  });

  it('ignores a bad padding while the whole image is inpainted', () => {
    const draft = { ...strictDraft, inpaintArea: 'whole' as const, padding: '999' };
    const result = validateParams(draft, diffusionMeta);
    expect(result.ok && result.params.padding).toBe(defaultParams.padding);
    expect(validateParams({ ...draft, inpaintArea: 'masked' }, diffusionMeta).ok).toBe(false);
  });

  it('ignores a bad seed while random seed is on', () => {
    const draft = { ...strictDraft, randomSeed: true, seed: '-1' };
    expect(validateParams(draft, diffusionMeta).ok).toBe(true);
    expect(validateParams({ ...draft, randomSeed: false }, diffusionMeta).ok).toBe(false);
  });

  it('keeps a valid seed while random seed is on', () => {
    const result = validateParams({ ...strictDraft, randomSeed: true, seed: '7' }, diffusionMeta);
    expect(result.ok && result.params.seed).toBe(7);
  });

  it('rejects an unknown scheduler with a readable message', () => {
    const draft = { ...defaultDraft, scheduler: 'nope' } as unknown as ParamsDraft;
    const result = validateParams(draft, diffusionMeta);
    expect(result.ok ? undefined : result.errors.scheduler).toBe('Choose a scheduler from the list');
  });
});

describe('parseNumber', () => {
  it('reads plain decimals and nothing else', () => {
    expect(parseNumber(' 0.5 ')).toBe(0.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('25.')).toBe(25);
    expect(parseNumber('1e2')).toBe(100);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('1,5')).toBeNaN();
    expect(parseNumber('12abc')).toBeNaN();
  });
});

describe('numericFieldError', () => {
  it('matches validateParams for a single field, with the same ranges', () => {
    expect(numericFieldError('steps', '151', fields)).toBe(errorFor('steps', '151'));
    expect(numericFieldError('steps', '150', fields)).toBeUndefined();
  });
});

describe('validateParams follows the engine', () => {
  it('narrows the ranges to the engine\'s own', () => {
    const turbo = { ...diffusionMeta, params: { ...diffusionMeta.params, steps: { min: 1, max: 4, default: 1 } } };
    const result = validateParams({ ...defaultDraft, steps: '25' }, turbo);
    expect(result.ok ? undefined : result.errors.steps).toBe('Steps must be a whole number from 1 to 4');
  });

  it('ignores bad values of parameters the engine does not use', () => {
    const draft = { ...strictDraft, steps: '0', strength: 'x', guidanceScale: '99', scheduler: 'lcm' as const };
    const result = validateParams(draft, removerMeta);
    expect(result.ok).toBe(true);
    expect(validateParams(draft, diffusionMeta).ok).toBe(false);
  });

  it('still checks the parameters the engine uses', () => {
    const result = validateParams({ ...strictDraft, variations: '9' }, removerMeta);
    expect(result.ok ? undefined : result.errors.variations).toBe('Variations must be a whole number from 1 to 8');
  });

  it('asks for a prompt when the engine needs one, and checks its length', () => {
    const needs = { ...diffusionMeta, params: { ...diffusionMeta.params, prompt: { required: true, minLength: 2, maxLength: 10 } } };
    const error = (prompt: string) => {
      const result = validateParams({ ...defaultDraft, prompt }, needs);
      return result.ok ? undefined : result.errors.prompt;
    };
    expect(error('  ')).toBe('Prompt is needed for this engine');
    expect(error('a')).toBe('Prompt must be at least 2 characters');
    expect(error('a red door on a wall')).toBe('Prompt must be at most 10 characters (now 20)');
    expect(error('red door')).toBeUndefined();
  });

  it('refuses a scheduler the engine does not offer, without changing it', () => {
    const result = validateParams({ ...defaultDraft, scheduler: 'lcm' }, diffusionMeta);
    expect(result.ok ? undefined : result.errors.scheduler).toBe('Choose a scheduler this engine offers');
  });

  describe('style add-ons', () => {
    const withLoras = { ...diffusionMeta, params: { ...diffusionMeta.params, loras: { max: 2 } } };
    const lora = (model: string, weight: string) => ({ model, weight });

    it('sends the LoRAs an engine takes, weights as numbers', () => {
      const result = validateParams({ ...defaultDraft, loras: [lora('civitai:1@2', '0.8')] }, withLoras);
      expect(result.ok && result.params.loras).toEqual([{ model: 'civitai:1@2', weight: 0.8 }]);
    });

    it('marks one without an id, a weight out of range, and more than the engine takes', () => {
      const error = (loras: ReturnType<typeof lora>[]) => {
        const result = validateParams({ ...defaultDraft, loras }, withLoras);
        return result.ok ? undefined : result.errors.loras;
      };
      expect(error([lora(' ', '1')])).toBe('Each LoRA needs an id or URL');
      expect(error([lora('a', '9')])).toBe('LoRA weight must be between -4 and 4');
      expect(error([lora('a', '1'), lora('b', '1'), lora('c', '1')])).toBe('This engine takes at most 2');
    });

    it('keeps them in the draft but neither checks nor sends them for an engine without LoRAs', () => {
      const result = validateParams({ ...defaultDraft, loras: [lora('', 'x')] }, diffusionMeta);
      expect(result.ok && result.params.loras).toEqual([]);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultParams, numericFields, numericKeys, type NumericKey } from './params';
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

function errorFor(key: NumericKey, text: string): string | undefined {
  const result = validateParams({ ...strictDraft, [key]: text });
  return result.ok ? undefined : result.errors[key];
}

describe('validateParams', () => {
  it('turns the default draft into the default params', () => {
    expect(validateParams(defaultDraft)).toEqual({ ok: true, params: defaultParams });
  });

  it('round-trips params through draftFromParams', () => {
    const params = { ...defaultParams, strength: 0.3, steps: 40, seed: 123456789 };
    expect(validateParams(draftFromParams(params))).toEqual({ ok: true, params });
  });

  describe.each(numericKeys)('%s', (key) => {
    const { min, max, step, integer, label } = numericFields[key];

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
    const result = validateParams({ ...strictDraft, steps: '0', variations: '9', strength: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['steps', 'strength', 'variations']);
  });

  it('ignores a bad padding while the whole image is inpainted', () => {
    const draft = { ...strictDraft, inpaintArea: 'whole' as const, padding: '999' };
    const result = validateParams(draft);
    expect(result.ok && result.params.padding).toBe(defaultParams.padding);
    expect(validateParams({ ...draft, inpaintArea: 'masked' }).ok).toBe(false);
  });

  it('ignores a bad seed while random seed is on', () => {
    const draft = { ...strictDraft, randomSeed: true, seed: '-1' };
    expect(validateParams(draft).ok).toBe(true);
    expect(validateParams({ ...draft, randomSeed: false }).ok).toBe(false);
  });

  it('keeps a valid seed while random seed is on', () => {
    const result = validateParams({ ...strictDraft, randomSeed: true, seed: '7' });
    expect(result.ok && result.params.seed).toBe(7);
  });

  it('rejects an unknown scheduler with a readable message', () => {
    const draft = { ...defaultDraft, scheduler: 'nope' } as unknown as ParamsDraft;
    const result = validateParams(draft);
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
  it('matches validateParams for a single field', () => {
    expect(numericFieldError('steps', '151')).toBe(errorFor('steps', '151'));
    expect(numericFieldError('steps', '150')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { numericFields } from '../jobs/params';
import { sliderPosition, stepValue } from './stepValue';

const { strength, guidanceScale, steps, variations, feather } = numericFields;
// Narrowed as an engine would narrow them.
const narrow = { ...steps, max: 150 };
const someStrength = { ...strength, min: 0.01 };

describe('stepValue', () => {
  it('moves one step without float noise', () => {
    expect(stepValue(strength, '0.07', 1)).toBe('0.08');
    expect(stepValue(guidanceScale, '7.5', -1)).toBe('7');
    expect(stepValue(narrow, '25', 1)).toBe('26');
  });

  it('stays inside the range', () => {
    expect(stepValue(narrow, '150', 1)).toBe('150');
    expect(stepValue(someStrength, '0.01', -1)).toBe('0.01');
    expect(stepValue(narrow, '900', -1)).toBe('150');
  });

  it('starts from the nearest end when the text is unreadable', () => {
    expect(stepValue({ ...variations, max: 8 }, 'abc', 1)).toBe('1');
    expect(stepValue({ ...variations, max: 8 }, '', -1)).toBe('8');
  });
});

describe('sliderPosition', () => {
  it('clamps for display and falls back to min for unreadable text', () => {
    expect(sliderPosition(strength, '0.3')).toBe(0.3);
    expect(sliderPosition(strength, '5')).toBe(1);
    expect(sliderPosition(feather, 'x')).toBe(0);
  });
});

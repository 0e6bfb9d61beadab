import { describe, expect, it } from 'vitest';
import { sliderPosition, stepValue } from './stepValue';

describe('stepValue', () => {
  it('moves one step without float noise', () => {
    expect(stepValue('strength', '0.07', 1)).toBe('0.08');
    expect(stepValue('guidanceScale', '7.5', -1)).toBe('7');
    expect(stepValue('steps', '25', 1)).toBe('26');
  });

  it('stays inside the range', () => {
    expect(stepValue('steps', '150', 1)).toBe('150');
    expect(stepValue('strength', '0.01', -1)).toBe('0.01');
    expect(stepValue('steps', '900', -1)).toBe('150');
  });

  it('starts from the nearest end when the text is unreadable', () => {
    expect(stepValue('variations', 'abc', 1)).toBe('1');
    expect(stepValue('variations', '', -1)).toBe('8');
  });
});

describe('sliderPosition', () => {
  it('clamps for display and falls back to min for unreadable text', () => {
    expect(sliderPosition('strength', '0.3')).toBe(0.3);
    expect(sliderPosition('strength', '5')).toBe(1);
    expect(sliderPosition('feather', 'x')).toBe(0);
  });
});

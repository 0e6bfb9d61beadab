import type { NumericFieldMeta } from '../jobs/params';
import { parseNumber } from '../jobs/validateParams';

function decimalsOf(step: number): number {
  return (String(step).split('.')[1] ?? '').length;
}

/**
 * The text after pressing Arrow Up (+1) or Arrow Down (-1) in a numeric field.
 * Moves one step from the typed value and stays within the range; from unreadable
 * text it starts at the nearest end so the key always does something visible.
 */
export function stepValue(range: NumericFieldMeta, text: string, direction: 1 | -1): string {
  const { min, max, step } = range;
  const current = parseNumber(text);
  const next = Number.isNaN(current) ? (direction > 0 ? min : max) : current + direction * step;
  const clamped = Math.min(max, Math.max(min, next));
  // Round to the step's decimals so 0.1 + 0.2 style noise never reaches the input.
  return String(Number(clamped.toFixed(decimalsOf(step))));
}

/** Where a range slider should sit for the typed text; display only, never written back. */
export function sliderPosition(range: NumericFieldMeta, text: string): number {
  const { min, max } = range;
  const value = parseNumber(text);
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}

import { describe, expect, it } from 'vitest';
import { maskOutline } from './outline';

/** A mask from rows of '#' (inside) and '.' (outside). */
function maskOf(rows: string[]) {
  const width = rows[0].length;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => [...row].forEach((c, x) => (data[y * width + x] = c === '#' ? 255 : 0)));
  return { data, width, height: rows.length };
}

const loopsOf = (rows: string[]) => {
  const { data, width, height } = maskOf(rows);
  return maskOutline(data, width, height).map((loop) => Array.from(loop));
};

/** Twice the signed area of a loop (shoelace): positive when it runs clockwise on screen (y down). */
function area(loop: number[]) {
  let sum = 0;
  for (let i = 0; i < loop.length; i += 2) {
    const j = (i + 2) % loop.length;
    sum += loop[i] * loop[j + 1] - loop[j] * loop[i + 1];
  }
  return sum / 2;
}

describe('maskOutline', () => {
  it('gives a square its four corners, clockwise from the top left', () => {
    expect(loopsOf(['....', '.##.', '.##.', '....'])).toEqual([[1, 1, 3, 1, 3, 3, 1, 3]]);
  });

  it('follows the photo edge for a mask that fills it', () => {
    expect(loopsOf(['##', '##'])).toEqual([[0, 0, 2, 0, 2, 2, 0, 2]]);
  });

  it('gives an empty mask no loops', () => {
    expect(loopsOf(['...', '...'])).toEqual([]);
  });

  it('gives an L shape its six corners', () => {
    expect(loopsOf(['#..', '#..', '###'])).toEqual([[0, 0, 1, 0, 1, 2, 3, 2, 3, 3, 0, 3]]);
  });

  it('gives a ring an outer loop and a hole that runs the other way', () => {
    const loops = loopsOf(['#####', '#...#', '#...#', '#####']);
    expect(loops).toHaveLength(2);
    const areas = loops.map(area).sort((a, b) => a - b);
    // Outer 5 x 4 = 20 clockwise, the hole 3 x 2 = 6 the other way: 20 - 6 px inside.
    expect(areas).toEqual([-6, 20]);
  });

  it('keeps two pixels that touch only at a corner as two loops', () => {
    const loops = loopsOf(['#.', '.#']);
    expect(loops.map(area)).toEqual([1, 1]);
  });

  it('gives the same loops for a small mask after a larger one (its grid is reused)', () => {
    loopsOf(['#####', '#...#', '#####']);
    expect(loopsOf(['....', '.##.', '.##.', '....'])).toEqual([[1, 1, 3, 1, 3, 3, 1, 3]]);
  });

  it('encloses exactly the pixels of a disc', () => {
    const size = 41;
    const rows = Array.from({ length: size }, (_, y) => Array.from({ length: size }, (_, x) => ((x - 20) ** 2 + (y - 20) ** 2 < 15 ** 2 ? '#' : '.')).join(''));
    const inside = rows.join('').split('').filter((c) => c === '#').length;
    const loops = loopsOf(rows);
    expect(loops).toHaveLength(1);
    expect(area(loops[0])).toBe(inside);
  });
});

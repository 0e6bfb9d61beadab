import { describe, expect, it } from 'vitest';
import { noPromptMessage, nothingSelected, photoProblem, stepFailed } from './batchMessages';

describe('batch messages', () => {
  it('start with the photo name and say what is wrong', () => {
    expect(photoProblem('bag.png', { kind: 'corrupt', name: 'bag.png' })).toBe("bag.png: the file is damaged or incomplete and can't be decoded.");
    expect(photoProblem('empty.png', { kind: 'empty' })).toBe('empty.png: the file is empty (0 bytes).');
    expect(photoProblem('notes.txt', { kind: 'unsupported', format: null, name: 'notes.txt' })).toMatch(/^notes\.txt: not an image/);
    expect(photoProblem('huge.png', { kind: 'too-large', width: 9000, height: 100, name: 'huge.png', decodable: true })).toMatch(/^huge\.png: 9000 × 100 px is larger than the 8192 px/);
  });

  it('name the part that was not found', () => {
    expect(nothingSelected('a.png', 'subject')).toBe('a.png: no subject was found to repaint.');
    expect(nothingSelected('a.png', 'background')).toMatch(/no background was found/);
  });

  it('end a failure with one full stop', () => {
    expect(stepFailed('a.png', 'Runflow', 'Invalid API key.')).toBe('a.png: Runflow failed: Invalid API key.');
    expect(stepFailed('a.png', 'Selecting the subject', 'out of memory')).toBe('a.png: Selecting the subject failed: out of memory.');
  });

  it('lists the engines to choose', () => {
    expect(noPromptMessage('Built-in remover', ['Runflow', 'Scenario', 'Local model with a Stable Diffusion model'])).toBe(
      'Replace background paints a new background from a prompt, and Built-in remover takes no prompt. Choose Runflow, Scenario or Local model with a Stable Diffusion model in Engine, then try again. Nothing was changed.',
    );
    expect(noPromptMessage('X', ['Runflow'])).toContain('Choose Runflow in Engine');
  });
});

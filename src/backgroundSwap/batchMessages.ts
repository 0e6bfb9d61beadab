import type { ImageProblem } from '../image/errors';
import { MAX_SIDE } from '../image/formats';

/** Why a photo of the batch could not be opened, in a line that starts with its name; the others go on. */
export function photoProblem(name: string, problem: ImageProblem): string {
  switch (problem.kind) {
    case 'empty':
      return `${name}: the file is empty (0 bytes).`;
    case 'unsupported':
      return `${name}: not an image the editor can open. Supported: JPEG, PNG, WebP, GIF, AVIF.`;
    case 'corrupt':
      return `${name}: the file is damaged or incomplete and can't be decoded.`;
    case 'too-large':
      return `${name}: ${problem.width} × ${problem.height} px is larger than the ${MAX_SIDE} px on the long side the editor works at; reduce it first.`;
  }
}

/** A photo where the selection found nothing to repaint: sending it would repaint the whole picture, or nothing. */
export function nothingSelected(name: string, target: 'background' | 'subject'): string {
  return target === 'subject'
    ? `${name}: no subject was found to repaint.`
    : `${name}: no background was found to repaint (the subject fills the photo).`;
}

/** A step that failed for one photo: what failed and the reason. */
export function stepFailed(name: string, step: string, reason: string): string {
  return `${name}: ${step} failed: ${reason.replace(/\.?$/, '.')}`;
}

/** The engines that paint from a prompt, told to someone whose chosen engine does not. */
export function noPromptMessage(engineLabel: string, choices: readonly string[]): string {
  const list = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}` : (choices[0] ?? 'an engine that takes a prompt');
  return `Replace background paints a new background from a prompt, and ${engineLabel} takes no prompt. Choose ${list} in Engine, then try again. Nothing was changed.`;
}

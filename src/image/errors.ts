import { MAX_SIDE, formatLabel, type ImageFormat } from './formats';

/** Why a file could not become the image being edited. */
export type ImageProblem =
  | { kind: 'empty' }
  | { kind: 'unsupported'; format: string | null; name: string }
  | { kind: 'corrupt'; name: string }
  /** decodable: small enough in pixels to be opened downscaled. */
  | { kind: 'too-large'; width: number; height: number; name: string; decodable: boolean };

const SUPPORTED_LIST = 'Supported: JPEG, PNG, WebP, GIF, AVIF.';
const UNCHANGED = 'Your current image and mask are unchanged.';

/** Formats no browser decodes, so the user needs to convert them elsewhere. */
const BROWSER_CANNOT_OPEN = new Set(['heic', 'tiff']);

/** "a HEIC" / "an SVG": the article follows the spoken letter, not the written one. */
function withArticle(label: string): string {
  return /^[AEFHILMNORSX]/.test(label) ? `an ${label}` : `a ${label}`;
}

function quoted(name: string): string {
  return `“${name}”`;
}

function describeUnsupported(format: string | null, name: string): string {
  if (format === null) return `${quoted(name)} isn't an image. ${SUPPORTED_LIST}`;
  const label = formatLabel(format as ImageFormat);
  // Acronyms read letter by letter ("an SVG"); HEIC is read as a word ("a HEIC").
  const article = format === 'heic' ? `a ${label}` : withArticle(label);
  const reason = BROWSER_CANNOT_OPEN.has(format) ? "which browsers can't open" : "which the editor can't open";
  return `${quoted(name)} is ${article} image, ${reason}. ${SUPPORTED_LIST}`;
}

/** A clear, complete message for the user: what went wrong, and that their work is safe. */
export function describeImageProblem(problem: ImageProblem): string {
  switch (problem.kind) {
    case 'empty':
      return `That file is empty (0 bytes). ${UNCHANGED}`;
    case 'unsupported':
      return `${describeUnsupported(problem.format, problem.name)} ${UNCHANGED}`;
    case 'corrupt':
      return (
        `${quoted(problem.name)} looks like an image but can't be decoded — ` +
        `the file may be damaged or incomplete. ${UNCHANGED}`
      );
    case 'too-large':
      return problem.decodable
        ? `${quoted(problem.name)} is ${problem.width} × ${problem.height} px. ` +
            `The editor works at full resolution up to ${MAX_SIDE} px on the long side. ${UNCHANGED}`
        : `${quoted(problem.name)} is too large to open: ${problem.width} × ${problem.height} px ` +
            `(${Math.round((problem.width * problem.height) / 1e6)} megapixels). The editor works up to ${MAX_SIDE} px on the long side; ` +
            `reduce it in another program first. ${UNCHANGED}`;
  }
}

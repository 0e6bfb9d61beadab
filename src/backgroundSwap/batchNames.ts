import type { OutputFormat } from '../jobs/params';

const extensions: Record<OutputFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** The photo's name without its extension ("bag.png" -> "bag"); a name that is only an extension keeps it. */
export function stem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]+$/, '') || base || 'photo';
}

/** One result to name: the photo it came from and which of its variations it is (0-based). */
export interface NamedResult {
  photoName: string;
  variation: number;
}

/**
 * The names the results get in the zip: the photo's own name with "-inpainted" (and the
 * variation's number after the first), in the output format's extension. Two photos with
 * one name (from two folders) never overwrite each other: the later gets " (2)".
 */
export function zipNames(results: readonly NamedResult[], format: OutputFormat): string[] {
  const taken = new Set<string>();
  return results.map(({ photoName, variation }) => {
    const base = `${stem(photoName)}-inpainted${variation > 0 ? `-${variation + 1}` : ''}`;
    let name = `${base}.${extensions[format]}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n}).${extensions[format]}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

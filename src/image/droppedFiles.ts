/** The parts of a DataTransfer (drop or paste) that can carry files. */
export interface FileCarrier {
  readonly files: ArrayLike<File>;
  readonly items: ArrayLike<{ readonly kind: string; readonly type: string; getAsFile(): File | null }>;
}

/**
 * Files brought in by a drop or paste. All dropped files are returned, images or not, so a
 * wrong file gets a clear message instead of being silently ignored. Some paste sources
 * leave `files` empty and only offer items, so those are the fallback (the same file appears
 * in both lists in Chromium, hence not both).
 */
export function imageFilesFrom(dataTransfer: FileCarrier | null): File[] {
  if (!dataTransfer) return [];
  const files = Array.from(dataTransfer.files);
  if (files.length > 0) return files;
  return Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}

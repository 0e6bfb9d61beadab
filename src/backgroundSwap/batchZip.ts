/** One file of the zip: its name inside it and its bytes. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** The files in one zip, stored as they are (they are compressed images already); fflate is loaded only now. */
export async function zipFiles(entries: readonly ZipEntry[]): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  return zipSync(Object.fromEntries(entries.map((entry) => [entry.name, entry.bytes])), { level: 0 });
}

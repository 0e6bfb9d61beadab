import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped size of the JavaScript the editor loads before it is usable (entry + modulepreloads). */
export function initialJavaScript(dist: string) {
  const html = readFileSync(resolve(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const sizes = files.map((file) => {
    const bytes = readFileSync(resolve(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files: sizes, gzipTotal: sizes.reduce((sum, f) => sum + f.gzip, 0) };
}

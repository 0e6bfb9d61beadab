/**
 * `npm run models`: writes the tiny test models under test-models/ (generated, deterministic,
 * git-ignored), with test-models/manifest.json listing each file's size and SHA-256. Files
 * already up to date are left alone. See scripts/models/README.md.
 */
import { fileURLToPath } from 'node:url';
import { writeTestModels } from './index';

const dir = process.argv[2] ?? fileURLToPath(new URL('../../test-models/', import.meta.url));
const started = performance.now();
const { written, unchanged, removed } = writeTestModels(dir);
const took = Math.round(performance.now() - started);
if (!written.length && !removed.length) console.log(`test models: ${unchanged} files up to date in ${dir} (${took} ms)`);
else {
  for (const path of written) console.log(`wrote ${path}`);
  for (const path of removed) console.log(`removed ${path}`);
  console.log(`test models: ${written.length} written, ${unchanged} up to date, ${removed.length} removed in ${dir} (${took} ms)`);
}

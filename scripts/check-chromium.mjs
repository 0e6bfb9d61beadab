import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  const require = createRequire(import.meta.url);
  let bundled;
  try {
    bundled = require('playwright-core').chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (!bundled || !existsSync(bundled)) {
    console.error(
      [
        'No Chromium found for the end-to-end tests.',
        'Install one and run again:',
        '  Debian/Ubuntu: sudo apt-get install -y chromium',
        '  or point CHROMIUM_PATH at a Chromium/Chrome binary',
        '  or, with internet access: npx playwright install chromium',
      ].join('\n'),
    );
    process.exit(1);
  }
}

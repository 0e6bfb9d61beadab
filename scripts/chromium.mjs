import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The Chromium the tests drive: $CHROMIUM_PATH, else `chromium` on PATH, else Playwright's own. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execSync(`command -v ${name}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
      if (path) return path;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

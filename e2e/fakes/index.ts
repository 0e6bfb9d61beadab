/**
 * Starts the fake providers the end-to-end tests point the app's server at, each on its own
 * port (ports.ts): `tsx e2e/fakes/index.ts`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { modelHostFake } from './modelHost';
import { modelslabFake } from './modelslab';
import { fakePorts } from './ports';
import { runflowFake } from './runflow';
import { runwareFake } from './runware';
import { scenarioFake } from './scenario';

// The tiny generated models (`npm run models`); read at each request, so they may come later.
const testModels = fileURLToPath(new URL('../../test-models', import.meta.url));
if (!existsSync(testModels)) console.log(`fake modelHost: ${testModels} is missing (npm run models makes it); model files answer 404 until then`);

const fakes: Record<string, (origin: () => string) => Hono> = {
  runflow: runflowFake,
  scenario: scenarioFake,
  runware: runwareFake,
  modelslab: modelslabFake,
  modelHost: () => modelHostFake({ folder: testModels }),
};

for (const [name, make] of Object.entries(fakes)) {
  const port = fakePorts[name as keyof typeof fakePorts];
  serve({ fetch: make(() => `http://127.0.0.1:${port}`).fetch, port, hostname: '127.0.0.1' }, () => console.log(`fake ${name} on ${port}`));
}

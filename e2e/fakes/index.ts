/**
 * Starts the fake providers the end-to-end tests point the app's server at, each on its own
 * port (ports.ts): `tsx e2e/fakes/index.ts`.
 */
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { fakePorts } from './ports';
import { runflowFake } from './runflow';
import { runwareFake } from './runware';

const fakes: Record<string, (origin: () => string) => Hono> = { runflow: runflowFake, runware: runwareFake };

for (const [name, make] of Object.entries(fakes)) {
  const port = fakePorts[name as keyof typeof fakePorts];
  serve({ fetch: make(() => `http://127.0.0.1:${port}`).fetch, port, hostname: '127.0.0.1' }, () => console.log(`fake ${name} on ${port}`));
}

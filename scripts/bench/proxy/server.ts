/** The provider proxy alone, in its own process so its memory can be read: `tsx server.ts <port> <upstream>`. */
import { serve } from '@hono/node-server';
import { createProxy } from '../../../server/proxy';
import { providersFromEnv } from '../../../server/providers';

const [port, upstream] = process.argv.slice(2);
const proxy = createProxy({ providers: providersFromEnv({ RUNFLOW_BASE_URL: upstream, RUNFLOW_API_KEY: 'bench-key' }) });
serve({ fetch: proxy.fetch, port: Number(port), hostname: '127.0.0.1' }, () => console.log('ready'));

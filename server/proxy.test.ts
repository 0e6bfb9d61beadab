import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withKeyField } from './bodyLimit';
import { createProxy, type ProxyOptions } from './proxy';
import { providersFromEnv } from './providers';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in provider on loopback that records what reached it and answers as told. */
let upstream: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const path = new URL(req.url!, 'http://x').pathname;
      if (path.endsWith('/echo-key')) return json(res, 400, { message: `bad key ${req.headers.authorization}` });
      if (path.endsWith('/names-a-host')) return json(res, 200, { output: { images: [{ url: `${base}/results/1.png` }] } });
      if (path.endsWith('/results/1.png')) return res.writeHead(200, { 'content-type': 'image/png' }).end('PNGBYTES');
      if (path.endsWith('/redirect-away')) return res.writeHead(302, { location: 'http://elsewhere.invalid/x' }).end();
      if (path.endsWith('/redirect-home')) return res.writeHead(302, { location: '/v1/health' }).end();
      if (path.endsWith('/slow')) return setTimeout(() => json(res, 200, {}), 500);
      if (path.endsWith('/limited')) return res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"code":"RATE_LIMITED"}');
      json(res, 200, { status: 'ok' });
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => upstream.close());

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function proxy(extra: Partial<ProxyOptions> = {}, env: Record<string, string> = {}) {
  const providers = providersFromEnv({
    RUNFLOW_BASE_URL: base,
    SCENARIO_BASE_URL: `${base}/v1`,
    RUNWARE_BASE_URL: `${base}/v1`,
    MODELSLAB_BASE_URL: base,
    ...env,
  });
  const lines: string[] = [];
  const app = createProxy({ providers, log: (line) => lines.push(line), ...extra });
  const request = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    app.request(`http://app.test/api${path}`, { ...init, headers: { Host: 'app.test', 'Sec-Fetch-Site': 'same-origin', ...init.headers } });
  return { request, lines };
}

const userKey = { 'X-Provider-Key': 'rf_live_user_key_123' };

describe('provider proxy', () => {
  it('forwards to the configured base with the path exactly as given, and the key as the provider wants it', async () => {
    const { request } = proxy();
    seen.length = 0;
    const response = await request('/runflow/call/v1/models/stability-ai/sdxl-inpainting/runs', {
      method: 'POST',
      body: '{"input":{}}',
      headers: { ...userKey, 'content-type': 'application/json', cookie: 'session=1' },
    });
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/models/stability-ai/sdxl-inpainting/runs', body: '{"input":{}}' });
    expect(seen[0].headers.authorization).toBe('Bearer rf_live_user_key_123');
    expect(seen[0].headers.cookie).toBeUndefined();
    expect(seen[0].headers['x-provider-key']).toBeUndefined();
  });

  it('posts to the base itself for Runware, and Basic auth for Scenario\'s key and secret', async () => {
    const { request } = proxy();
    seen.length = 0;
    await request('/runware/call', { method: 'POST', body: '[]', headers: userKey });
    expect(seen[0].url).toBe('/v1');
    await request('/scenario/call/generate/inpaint', { method: 'POST', body: '{}', headers: { ...userKey, 'X-Provider-Secret': 'sec' } });
    expect(seen[1].url).toBe('/v1/generate/inpaint');
    expect(seen[1].headers.authorization).toBe(`Basic ${Buffer.from('rf_live_user_key_123:sec').toString('base64')}`);
  });

  it('puts ModelsLab\'s key first in the JSON body, streamed', async () => {
    const { request } = proxy();
    seen.length = 0;
    await request('/modelslab/call/api/v6/image_editing/inpaint', { method: 'POST', body: ' {"prompt":"a cat"}', headers: { 'X-Provider-Key': 'ml-key' } });
    expect(JSON.parse(seen[0].body)).toEqual({ key: 'ml-key', prompt: 'a cat' });
    expect(seen[0].url).toBe('/api/v6/image_editing/inpaint');
  });

  it('uses the server\'s key when it holds one, and then answers only its own pages', async () => {
    const { request } = proxy({}, { RUNWARE_API_KEY: 'server-key' });
    seen.length = 0;
    expect((await request('/runware/call', { method: 'POST', body: '[]' })).status).toBe(200);
    expect(seen[0].headers.authorization).toBe('Bearer server-key');
    const foreign = await request('/runware/call', { method: 'POST', body: '[]', headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.test' } });
    expect(foreign.status).toBe(403);
    const noOrigin = await createProxy({ providers: providersFromEnv({ RUNWARE_BASE_URL: base, RUNWARE_API_KEY: 'k' }) }).request('http://app.test/api/runware/call', { method: 'POST', body: '[]' });
    expect(noOrigin.status).toBe(403);
  });

  it('says which providers it holds keys for, without the keys', async () => {
    const { request } = proxy({}, { SCENARIO_API_KEY: 'sk', SCENARIO_API_SECRET: 'ss' });
    const body = await (await request('/providers')).json();
    expect(body).toEqual({
      accessToken: false,
      providers: { runflow: { serverKey: false }, scenario: { serverKey: true }, runware: { serverKey: false }, modelslab: { serverKey: false } },
    });
    expect(JSON.stringify(body)).not.toContain('sk');
  });

  it('asks for the access token when one is set', async () => {
    const { request } = proxy({ accessToken: 'open-sesame' });
    expect((await request('/providers')).status).toBe(401);
    expect((await request('/providers', { headers: { 'X-Access-Token': 'open-sesame' } })).status).toBe(200);
  });

  it('needs a key from somewhere', async () => {
    const response = await proxy().request('/runflow/call/v1/health');
    expect(response.status).toBe(401);
    expect((await response.json()).proxyError.code).toBe('NO_KEY');
  });

  it('never lets the path climb out of the base, nor names an unknown provider', async () => {
    const { request } = proxy();
    expect((await request('/runflow/call/v1/../../etc', { headers: userKey })).status).not.toBe(200);
    expect((await request('/openai/call/v1', { headers: userKey })).status).toBe(404);
  });

  it('fetches from a host only once the provider\'s answer named it', async () => {
    const { request } = proxy();
    const target = { 'X-Target-Url': `${base}/results/1.png`, 'X-Target-Method': 'GET' };
    expect((await request('/runflow/external', { method: 'POST', headers: target })).status).toBe(403);
    await request('/runflow/call/v1/names-a-host', { headers: userKey });
    const image = await request('/runflow/external', { method: 'POST', headers: target });
    expect(image.status).toBe(200);
    expect(await image.text()).toBe('PNGBYTES');
    // Named for Runflow is not named for Scenario.
    expect((await request('/scenario/external', { method: 'POST', headers: target })).status).toBe(403);
    const elsewhere = await request('/runflow/external', { method: 'POST', headers: { 'X-Target-Url': 'http://169.254.169.254/latest' } });
    expect(elsewhere.status).toBe(403);
  });

  it('follows a redirect on the same host, never one to another host', async () => {
    const { request } = proxy();
    expect((await request('/runflow/call/v1/redirect-home', { headers: userKey })).status).toBe(200);
    const away = await request('/runflow/call/v1/redirect-away', { headers: userKey });
    expect(away.status).toBe(502);
    expect(away.headers.get('X-Proxy-Error')).toBe('FOREIGN_REDIRECT');
  });

  it('passes rate limits on with their Retry-After', async () => {
    const response = await proxy().request('/runflow/call/v1/limited', { headers: userKey });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('X-Proxy-Error')).toBeNull();
  });

  it('refuses a body over the limit', async () => {
    const { request } = proxy({ bodyLimitBytes: 1000 });
    const response = await request('/runflow/call/v1/asset', { method: 'POST', body: 'x'.repeat(5000), headers: userKey });
    expect(response.status).toBe(413);
  });

  it('gives up on a slow provider, and says when a request never left', async () => {
    const slow = await proxy({ timeoutMs: 100 }).request('/runflow/call/v1/slow', { headers: userKey });
    expect(slow.status).toBe(504);
    expect(slow.headers.get('X-Proxy-Request-Sent')).toBe('maybe');
    const vacant = createServer();
    await new Promise<void>((resolve) => vacant.listen(0, '127.0.0.1', resolve));
    const port = (vacant.address() as AddressInfo).port;
    await new Promise((resolve) => vacant.close(resolve));
    const closed = createProxy({ providers: providersFromEnv({ RUNFLOW_BASE_URL: `http://127.0.0.1:${port}` }) });
    const refused = await closed.request('http://app.test/api/runflow/call/v1/runs', { method: 'POST', body: '{}', headers: { ...userKey, Host: 'app.test', 'Sec-Fetch-Site': 'same-origin' } });
    expect(refused.status).toBe(502);
    expect(refused.headers.get('X-Proxy-Request-Sent')).toBe('no');
  });

  it('never logs, echoes or returns a key', async () => {
    const { request, lines } = proxy();
    const response = await request('/runflow/call/v1/echo-key', { headers: userKey });
    const text = await response.text();
    expect(text).not.toContain('rf_live_user_key_123');
    expect(text).toContain('[hidden]');
    expect(lines.join('\n')).not.toContain('rf_live_user_key_123');
    expect(lines.some((line) => line.startsWith('GET /api/runflow/call/v1/echo-key 400'))).toBe(true);
  });
});

describe('withKeyField', () => {
  async function run(body: string, chunkSize = 3) {
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunkSize) controller.enqueue(bytes.subarray(i, i + chunkSize));
        controller.close();
      },
    });
    return new Response(withKeyField(stream, 'k"1')).text();
  }

  it('adds the key to objects with and without members, across chunk edges', async () => {
    expect(JSON.parse(await run('{"a":1,"b":[2]}'))).toEqual({ key: 'k"1', a: 1, b: [2] });
    expect(JSON.parse(await run(' \n{ }'))).toEqual({ key: 'k"1' });
    expect(JSON.parse(await run('{"a":1}', 1))).toEqual({ key: 'k"1', a: 1 });
  });

  it('refuses a body that is not a JSON object', async () => {
    await expect(run('[1,2]')).rejects.toThrow('JSON object');
  });
});

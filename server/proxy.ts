import { Hono, type Context } from 'hono';
import { BodyTooLarge, limitBytes, withKeyField } from './bodyLimit';
import { NamedHosts } from './namedHosts';
import { isProviderId, providerIds, type Credentials, type ProviderConfig, type ProviderId } from './providers';

export interface ProxyOptions {
  providers: Record<ProviderId, ProviderConfig>;
  /** When set, every request must carry it in X-Access-Token. */
  accessToken?: string;
  /** Upstream calls give up after this long; uploads (PUT) after uploadTimeoutMs. */
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  bodyLimitBytes?: number;
  /** One line per request: method, route, status, time. Never headers, bodies or keys. */
  log?: (line: string) => void;
}

const MB = 2 ** 20;
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'content-length'];
// Errors that happen before a single byte reached the provider: a paid submit may go again.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The proxy's own failures carry X-Proxy-Error, so the app never mistakes them for the provider's words. */
function proxyError(c: Context, status: number, code: string, message: string, sent: 'no' | 'maybe' = 'no') {
  c.header('X-Proxy-Error', code);
  c.header('X-Proxy-Request-Sent', sent);
  return c.json({ proxyError: { code, message } }, status as 400);
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error as { code?: string })?.code;
}

/** A key or secret that comes back in an answer (some providers echo requests) is blanked. */
function scrub(text: string, credentials: Credentials | undefined): string {
  let out = text;
  for (const secret of [credentials?.key, credentials?.secret]) if (secret && secret.length >= 4) out = out.split(secret).join('[hidden]');
  return out;
}

/**
 * The provider proxy, its routes under /api: the browser names a provider and a path, never a
 * host. Credentials are the server's own, or the user's from X-Provider-Key/-Secret headers;
 * they go upstream only, and are never logged, stored or sent back.
 */
export function createProxy(options: ProxyOptions) {
  const { providers, accessToken, log = () => {} } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 300_000;
  const bodyLimit = options.bodyLimitBytes ?? 50 * MB;
  const named = Object.fromEntries(providerIds.map((id) => [id, new NamedHosts()])) as Record<ProviderId, NamedHosts>;
  const holdsKeys = providerIds.some((id) => providers[id].serverCredentials);
  const app = new Hono().basePath('/api');

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${Math.round(performance.now() - started)} ms`);
  });

  // Only the app's own pages may spend the owner's credits.
  app.use('*', async (c, next) => {
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const sameOrigin = site === 'same-origin' || (origin !== undefined && new URL(origin).host === c.req.header('Host'));
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (crossSite || (origin !== undefined && !sameOrigin) || (holdsKeys && !sameOrigin)) {
      return proxyError(c, 403, 'FOREIGN_ORIGIN', 'This server answers only its own pages.');
    }
    if (accessToken && c.req.header('X-Access-Token') !== accessToken) {
      return proxyError(c, 401, 'ACCESS_TOKEN_REQUIRED', "This server needs its access token: add it in Settings.");
    }
    await next();
  });

  app.get('/providers', (c) =>
    c.json({
      accessToken: Boolean(accessToken),
      providers: Object.fromEntries(providerIds.map((id) => [id, { serverKey: Boolean(providers[id].serverCredentials) }])),
    }),
  );

  function credentialsOf(c: Context, provider: ProviderConfig): Credentials | undefined {
    if (provider.serverCredentials) return provider.serverCredentials;
    const key = c.req.header('X-Provider-Key')?.trim();
    return key ? { key, secret: c.req.header('X-Provider-Secret')?.trim() || undefined } : undefined;
  }

  function requestBody(c: Context, credentials?: Credentials, keyInBody = false): ReadableStream<Uint8Array> | undefined {
    const length = Number(c.req.header('Content-Length') ?? 0);
    if (length > bodyLimit) throw new BodyTooLarge(bodyLimit);
    const raw = c.req.raw.body;
    if (!raw) return undefined;
    const limited = limitBytes(raw, bodyLimit);
    return keyInBody && credentials ? withKeyField(limited, credentials.key) : limited;
  }

  /** One upstream call; same-host redirects of a GET are followed, a redirect to another host is refused. */
  async function upstream(url: URL, init: RequestInit, timeout: number, signal: AbortSignal): Promise<Response | 'foreign-redirect'> {
    let target = url;
    for (let hop = 0; hop < 4; hop++) {
      const response = await fetch(target, { ...init, redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(timeout)]), duplex: 'half' } as RequestInit);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      const next = new URL(location, target);
      if (next.host !== url.host || init.method !== 'GET') {
        await response.body?.cancel();
        return 'foreign-redirect';
      }
      target = next;
    }
    return 'foreign-redirect';
  }

  async function answer(provider: ProviderConfig, response: Response, credentials?: Credentials) {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    if (!/json/i.test(response.headers.get('content-type') ?? '')) return new Response(response.body, { status: response.status, headers });
    const text = scrub(await response.text(), credentials);
    try {
      named[provider.id].noteAnswer(JSON.parse(text));
    } catch {
      // Not JSON after all: passed on as it is.
    }
    delete headers['content-length'];
    return new Response(text, { status: response.status, headers });
  }

  async function forward(c: Context, provider: ProviderConfig, url: URL, init: RequestInit, timeout: number, credentials?: Credentials) {
    try {
      const response = await upstream(url, init, timeout, c.req.raw.signal);
      if (response === 'foreign-redirect') return proxyError(c, 502, 'FOREIGN_REDIRECT', 'The provider redirected to another host; the server does not follow.', 'maybe');
      return await answer(provider, response, credentials);
    } catch (error) {
      if (error instanceof BodyTooLarge || (error instanceof Error && error.cause instanceof BodyTooLarge)) {
        return proxyError(c, 413, 'BODY_TOO_LARGE', new BodyTooLarge(bodyLimit).message);
      }
      if (error instanceof Error && (error.name === 'TimeoutError' || (error.cause as Error | undefined)?.name === 'TimeoutError')) {
        return proxyError(c, 504, 'UPSTREAM_TIMEOUT', `${provider.id} did not answer in time.`, 'maybe');
      }
      const code = causeCode(error);
      const sent = code && NOT_SENT.has(code) ? 'no' : 'maybe';
      return proxyError(c, 502, 'UPSTREAM_UNREACHABLE', `The connection to ${provider.id} failed${code ? ` (${code})` : ''}.`, sent);
    }
  }

  async function call(c: Context) {
    const id = c.req.param('provider') ?? '';
    if (!isProviderId(id)) return proxyError(c, 404, 'UNKNOWN_PROVIDER', `No provider called “${id}”.`);
    const provider = providers[id];
    const credentials = credentialsOf(c, provider);
    if (!credentials) return proxyError(c, 401, 'NO_KEY', `No ${id} key: add yours in Settings.`);
    const prefix = `/api/${id}/call`;
    const incoming = new URL(c.req.url);
    const rest = incoming.pathname.startsWith(prefix) ? incoming.pathname.slice(prefix.length) : '';
    // The path goes after the base exactly; dot segments could climb out of it.
    if (rest.split('/').some((segment) => segment === '..' || segment === '.')) return proxyError(c, 400, 'BAD_PATH', 'That path is not allowed.');
    const url = new URL(provider.baseUrl + rest + incoming.search);
    const headers: Record<string, string> = { ...provider.authHeaders(credentials) };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = c.req.header(name);
      if (value) headers[name] = value;
    }
    const method = c.req.method;
    let body: ReadableStream<Uint8Array> | undefined;
    try {
      body = method === 'GET' || method === 'HEAD' ? undefined : requestBody(c, credentials, provider.keyInBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) return proxyError(c, 413, 'BODY_TOO_LARGE', error.message);
      throw error;
    }
    return forward(c, provider, url, { method, headers, body }, timeoutMs, credentials);
  }

  app.all('/:provider/call', call);
  app.all('/:provider/call/*', call);

  // Result images and upload URLs, only on hosts the provider's own answers named.
  app.post('/:provider/external', async (c) => {
    const id = c.req.param('provider');
    if (!isProviderId(id)) return proxyError(c, 404, 'UNKNOWN_PROVIDER', `No provider called “${id}”.`);
    let target: URL;
    try {
      target = new URL(c.req.header('X-Target-Url') ?? '');
    } catch {
      return proxyError(c, 400, 'BAD_TARGET', 'X-Target-Url must be a URL.');
    }
    if (!/^https?:$/.test(target.protocol) || !named[id].allows(target)) {
      return proxyError(c, 403, 'HOST_NOT_NAMED', `The server fetches only from hosts ${id} named in its answers, not ${target.host}.`);
    }
    const method = c.req.header('X-Target-Method') === 'PUT' ? 'PUT' : 'GET';
    let body: ReadableStream<Uint8Array> | undefined;
    try {
      body = method === 'PUT' ? requestBody(c) : undefined;
    } catch (error) {
      if (error instanceof BodyTooLarge) return proxyError(c, 413, 'BODY_TOO_LARGE', error.message);
      throw error;
    }
    const headers: Record<string, string> = {};
    const type = c.req.header('X-Target-Content-Type');
    if (type) headers['content-type'] = type;
    const length = c.req.header('Content-Length');
    if (method === 'PUT' && length) headers['content-length'] = length;
    return forward(c, providers[id], target, { method, headers, body }, method === 'PUT' ? uploadTimeoutMs : timeoutMs);
  });

  app.all('*', (c) => proxyError(c, 404, 'NOT_FOUND', 'No such route.'));
  return app;
}

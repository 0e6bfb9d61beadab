import { EngineError, type EngineSettings } from '../contract';

export type ProviderId = 'runflow' | 'scenario' | 'runware' | 'modelslab';

/** What came back from the app's server for one provider call. */
export interface ProviderAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON when it was JSON, else the text. */
  body: unknown;
  /** Set when the app's own server answered (no key, unreachable provider...), not the provider. */
  proxyError?: { code: string; message: string; sent: 'no' | 'maybe' };
}

/** The headers that carry the user's keys to the app's server (never a URL): it forwards them and nothing else. */
export function credentialHeaders(settings: EngineSettings): Record<string, string> {
  const headers: Record<string, string> = {};
  if (settings.apiKey) headers['X-Provider-Key'] = settings.apiKey;
  if (settings.apiSecret) headers['X-Provider-Secret'] = settings.apiSecret;
  if (settings.accessToken) headers['X-Access-Token'] = settings.accessToken;
  return headers;
}

async function read(response: Response): Promise<ProviderAnswer> {
  const text = await response.text();
  let body: unknown = text;
  if (/json/i.test(response.headers.get('content-type') ?? '') || /^\s*[[{]/.test(text)) {
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the provider said something that is not JSON.
    }
  }
  const code = response.headers.get('X-Proxy-Error');
  const proxyError = code
    ? { code, message: (body as { proxyError?: { message?: string } })?.proxyError?.message ?? code, sent: response.headers.get('X-Proxy-Request-Sent') === 'no' ? ('no' as const) : ('maybe' as const) }
    : undefined;
  return { status: response.status, headers: response.headers, body, proxyError };
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  signal: AbortSignal;
}

/**
 * One call to a provider through the app's server: `/api/<provider>/call<path>`, the path
 * exactly as the provider's contract writes it. A connection that fails on the way to our
 * own server is a network error; the answer itself is for the caller to judge.
 */
export async function callProvider(provider: ProviderId, path: string, settings: EngineSettings, options: CallOptions): Promise<ProviderAnswer> {
  const headers: Record<string, string> = { ...credentialHeaders(settings), Accept: 'application/json' };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/${provider}/call${path}`, {
      method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw EngineError.cancelled();
    throw new EngineError('network', `The connection to the app's server failed (${(error as Error).message}).`);
  }
  return read(response);
}

/**
 * A URL the provider's own answer named (a result image, an upload URL), through the app's
 * server, which refuses any host the provider did not name.
 */
export async function callNamedUrl(
  provider: ProviderId,
  url: string,
  settings: EngineSettings,
  options: { method?: 'GET' | 'PUT'; body?: Blob; signal: AbortSignal },
): Promise<{ status: number; blob: Blob; answer?: ProviderAnswer }> {
  const headers: Record<string, string> = { 'X-Target-Url': url, 'X-Target-Method': options.method ?? 'GET' };
  if (settings.accessToken) headers['X-Access-Token'] = settings.accessToken;
  if (options.body?.type) headers['X-Target-Content-Type'] = options.body.type;
  let response: Response;
  try {
    response = await fetch(`/api/${provider}/external`, { method: 'POST', headers, body: options.body, signal: options.signal });
  } catch (error) {
    if (options.signal.aborted) throw EngineError.cancelled();
    throw new EngineError('network', `The connection to the app's server failed (${(error as Error).message}).`);
  }
  if (!response.ok) return { status: response.status, blob: new Blob(), answer: await read(response) };
  return { status: response.status, blob: await response.blob() };
}

/** Which providers the app's server holds a key for (then the user needs none), asked once a minute at most. */
let serverInfo: { at: number; value: Promise<ServerInfo> } | null = null;

export interface ServerInfo {
  accessToken: boolean;
  providers: Partial<Record<ProviderId, { serverKey: boolean }>>;
}

export function serverProviders(settings: EngineSettings = {}): Promise<ServerInfo> {
  if (serverInfo && Date.now() - serverInfo.at < 60_000) return serverInfo.value;
  const value = fetch('/api/providers', { headers: credentialHeaders({ accessToken: settings.accessToken ?? '' }) }).then(async (response) => {
    if (response.status === 401) return { accessToken: true, providers: {} };
    if (!response.ok) throw new Error(`the app's server answered ${response.status}`);
    return (await response.json()) as ServerInfo;
  });
  serverInfo = { at: Date.now(), value };
  value.catch(() => (serverInfo = null));
  return value;
}

/**
 * The four cloud providers as the server sees them: where each one lives (a fixed base URL
 * from the environment, never one the browser names), the key the server may hold for it,
 * and how credentials go on a request.
 */
export const providerIds = ['runflow', 'scenario', 'runware', 'modelslab'] as const;
export type ProviderId = (typeof providerIds)[number];

export interface Credentials {
  key: string;
  /** Scenario's API secret. */
  secret?: string;
}

export interface ProviderConfig {
  id: ProviderId;
  /** No trailing slash; request paths are appended exactly as the provider's contract writes them. */
  baseUrl: string;
  /** The owner's key, when the server holds one: then the browser sends none. */
  serverCredentials?: Credentials;
  /** The headers that carry the credentials. */
  authHeaders(credentials: Credentials): Record<string, string>;
  /** ModelsLab reads its key from the JSON body. */
  keyInBody?: boolean;
}

const bearer = ({ key }: Credentials) => ({ Authorization: `Bearer ${key}` });

const defaults: Record<ProviderId, string> = {
  runflow: 'https://api.runflow.io',
  scenario: 'https://api.cloud.scenario.com/v1',
  runware: 'https://api.runware.ai/v1',
  modelslab: 'https://modelslab.com',
};

type Env = Record<string, string | undefined>;

function credentialsFrom(env: Env, key: string, secret?: string): Credentials | undefined {
  const value = env[key]?.trim();
  if (!value) return undefined;
  return secret ? { key: value, secret: env[secret]?.trim() || undefined } : { key: value };
}

/** The providers, configured from environment variables (see the README). */
export function providersFromEnv(env: Env = process.env): Record<ProviderId, ProviderConfig> {
  const base = (id: ProviderId) => (env[`${id.toUpperCase()}_BASE_URL`]?.trim() || defaults[id]).replace(/\/+$/, '');
  return {
    runflow: { id: 'runflow', baseUrl: base('runflow'), serverCredentials: credentialsFrom(env, 'RUNFLOW_API_KEY'), authHeaders: bearer },
    scenario: {
      id: 'scenario',
      baseUrl: base('scenario'),
      serverCredentials: credentialsFrom(env, 'SCENARIO_API_KEY', 'SCENARIO_API_SECRET'),
      // Key and secret: Basic auth; a lone token: Bearer, which Scenario accepts too.
      authHeaders: ({ key, secret }) =>
        secret ? { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` } : { Authorization: `Bearer ${key}` },
    },
    runware: { id: 'runware', baseUrl: base('runware'), serverCredentials: credentialsFrom(env, 'RUNWARE_API_KEY'), authHeaders: bearer },
    modelslab: {
      id: 'modelslab',
      baseUrl: base('modelslab'),
      serverCredentials: credentialsFrom(env, 'MODELSLAB_API_KEY'),
      // The official SDK sends the header as well as the body field.
      authHeaders: bearer,
      keyInBody: true,
    },
  };
}

export const isProviderId = (value: string): value is ProviderId => (providerIds as readonly string[]).includes(value);

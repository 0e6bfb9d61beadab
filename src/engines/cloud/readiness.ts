import type { EngineReadiness, EngineSettings } from '../contract';
import { serverProviders, type ProviderId } from './api';

/** Ready when the app's server holds a key for the provider, or the user gave one (and a secret where it needs one). */
export async function cloudReadiness(provider: ProviderId, label: string, settings: EngineSettings, needsSecret = false): Promise<EngineReadiness> {
  let info;
  try {
    info = await serverProviders(settings);
  } catch (error) {
    return { ready: false, reason: `the app's server does not answer (${(error as Error).message}).`, fix: 'Start it with npm start.' };
  }
  if (info.accessToken && !settings.accessToken) return { ready: false, reason: 'this server needs its access token.', fix: 'Add it in Settings.' };
  if (info.providers[provider]?.serverKey) return { ready: true };
  if (!settings.apiKey) return { ready: false, reason: `no ${label} API key set.`, fix: `Open Settings and add your ${label} API key.` };
  if (needsSecret && !settings.apiSecret) return { ready: false, reason: `no ${label} API secret set.`, fix: `Open Settings and add your ${label} API secret.` };
  return { ready: true };
}

/**
 * Where the fake providers listen in tests, and the base URLs the app's server is given for
 * them: five ports from FAKE_PORT_BASE (4611), so two test runs on one machine can keep apart.
 * The model host is not a provider: the browser fetches model files from it directly.
 */
const base = Number(process.env.FAKE_PORT_BASE ?? 4611);
export const fakePorts = { runflow: base, scenario: base + 1, runware: base + 2, modelslab: base + 3, modelHost: base + 4 } as const;

const at = (port: number) => `http://127.0.0.1:${port}`;

export const fakeBaseUrls = {
  RUNFLOW_BASE_URL: at(fakePorts.runflow),
  SCENARIO_BASE_URL: `${at(fakePorts.scenario)}/v1`,
  RUNWARE_BASE_URL: `${at(fakePorts.runware)}/v1`,
  MODELSLAB_BASE_URL: at(fakePorts.modelslab),
};

export const fakeOrigin = (name: keyof typeof fakePorts) => at(fakePorts[name]);

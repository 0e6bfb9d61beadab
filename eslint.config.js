import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Imports run one way: a folder of src/ may import only the folders below it here. Folders
 * on one line do not import each other. Listing the order once makes import circles
 * between folders impossible; `npm run imports` prints the folder graph's circles.
 */
const layers = [
  ['app'],
  ['history'],
  ['canvas', 'backgroundSwap'],
  ['results'],
  ['generate', 'settings'],
  ['editor'],
  ['params'],
  ['engineSettings'],
  ['jobs'],
  ['engines'],
  ['storage', 'workers', 'notices', 'ui'],
  ['compositing', 'remover'],
  ['image', 'mask'],
];

/** Pure code: typed arrays in, typed arrays out; runs in workers and in Node tests alike. */
const pure = ['compositing', 'remover', 'image', 'mask'];
const uiLibraries = ['react', 'react-dom', 'react-dom/*', 'konva', 'konva/*', 'react-konva', '@tanstack/*'];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'Image', 'HTMLElement', 'requestAnimationFrame', 'indexedDB'].map(
  (name) => ({ name, message: 'Pure folders stay free of the DOM: take what you need as an argument.' }),
);

function layerRules() {
  return layers.flatMap((level, depth) => {
    const notBelow = layers.slice(0, depth + 1).flat();
    return level.map((folder) => {
      const forbidden = notBelow.filter((other) => other !== folder);
      const patterns = forbidden.length
        ? [{ group: forbidden.map((other) => `**/${other}/**`), message: `${folder}/ may import only folders below it (see the layers in eslint.config.js).` }]
        : [];
      if (pure.includes(folder)) patterns.push({ group: [...uiLibraries, 'zustand', 'zustand/*', 'idb', 'comlink'], message: `${folder}/ is pure: no UI, stores, storage or workers.` });
      if (folder === 'engines') patterns.push({ group: uiLibraries, message: 'engines/ never imports UI.' });
      if (!patterns.length) return null;
      return {
        files: [`src/${folder}/**/*.{ts,tsx}`],
        ignores: [`src/${folder}/**/*.test.ts`],
        rules: {
          'no-restricted-imports': ['error', { patterns }],
          ...(pure.includes(folder) ? { 'no-restricted-globals': ['error', ...domGlobals] } : {}),
        },
      };
    });
  }).filter((config) => config !== null);
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  ...layerRules(),
);

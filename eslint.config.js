// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

/**
 * The layering of design.md §3, enforced: shared ← host ← main; shared ← renderer; shared ← hub.
 * A file may not import a layer it must not know.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (name) => ({ regex: `(^|/)${name}(/|$)`, message: `this layer must not import ${name} code (design.md §3)` });
const electron = { name: 'electron', message: 'only src/main and src/preload may import electron' };
// electron-updater loads electron as soon as its updater is created.
const electronUpdater = { name: 'electron-updater', message: 'electron-updater needs Electron: only src/main may import it' };
const noNode = nodeBuiltins.map((name) => ({ name, message: 'this layer runs in a browser or anywhere: no Node APIs' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', '.tmp/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electron, ...noNode], patterns: ['host', 'hub', 'main', 'preload', 'renderer', 'web-host'].map(layer) }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electron, ...noNode], patterns: ['host', 'hub', 'main', 'preload', 'web-host'].map(layer) }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron, electronUpdater], patterns: ['hub', 'main', 'preload', 'renderer', 'web-host'].map(layer) }] },
  },
  {
    files: ['src/hub/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: ['host', 'main', 'preload', 'renderer', 'web-host'].map(layer) }] },
  },
  {
    files: ['src/web-host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electron], patterns: ['hub', 'main', 'preload', 'renderer'].map(layer) }] },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['hub', 'renderer', 'web-host', 'preload'].map(layer) }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: noNode, patterns: ['host', 'hub', 'main', 'renderer', 'web-host'].map(layer) }] },
  },
);

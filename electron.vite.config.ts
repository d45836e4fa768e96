import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * main: the Electron main process plus the hub it embeds (forked as a child process);
 * preload: the one bridge; renderer: the React UI, which the web host also serves.
 */
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/main/index.ts'), hub: resolve(root, 'src/hub/cli.ts'), 'cache-worker': resolve(root, 'src/host/cache/cache-worker.ts') },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // Sandboxed preloads cannot be ES modules.
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: { target: 'es2022', rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } } },
  },
});

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering of design.md §3 is enforced by lint: each forbidden import below must fail it. */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('lint enforces the layering', () => {
  it.each([
    ['src/host/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/renderer/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/hub/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/x.ts', "export const a = () => document.title;\n"],
    ['src/shared/x.ts', "import { startHostServices } from '../host/host-services';\nexport const a = startHostServices;\n"],
    ['src/renderer/x.ts', "import { startHostServices } from '../host/host-services';\nexport const a = startHostServices;\n"],
    ['src/renderer/x.ts', "import { startHub } from '../hub/server';\nexport const a = startHub;\n"],
    ['src/renderer/x.ts', "import { ipcRpcPort } from '../main/ipc-port';\nexport const a = ipcRpcPort;\n"],
    ['src/hub/x.ts', "import { startHostServices } from '../host/host-services';\nexport const a = startHostServices;\n"],
    ['src/hub/x.ts', "import { App } from '../renderer/components/app';\nexport const a = App;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/x.ts', "import { app } from 'electron';\nimport { startHostServices } from '../host/host-services';\nexport const a = [app, startHostServices];\n"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n"],
    ['src/host/x.ts', "import { readFileSync } from 'node:fs';\nimport { ok } from '../shared/result';\nexport const a = [readFileSync, ok];\n"],
    ['src/renderer/x.ts', "import { ok } from '../shared/result';\nexport const a = () => [ok, document.title];\n"],
    ['src/hub/x.ts', "import { ok } from '../shared/result';\nimport { createServer } from 'node:http';\nexport const a = [ok, createServer];\n"],
  ])('%s may import what its layer allows', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

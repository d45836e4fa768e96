import { describe, expect, it } from 'vitest';
import { inspectSipMessage } from './sip-message-guard.js';

// Bundled by Vite at test time so this browser-layer test needs no Node APIs.
const manifestText = Object.values(
  import.meta.glob<string>('../../../../../shared/data/sip-torture-rfc4475/MANIFEST.tsv', { query: '?raw', import: 'default', eager: true }),
)[0];
const datFiles = import.meta.glob<string>('../../../../../shared/data/sip-torture-rfc4475/dat_resiprocate_crlf/*.dat', {
  query: '?raw',
  import: 'default',
  eager: true,
});

async function corpus(): Promise<Array<{ file: string; category: string; text: string }>> {
  const rows = (manifestText ?? '').trim().split('\n').slice(1);
  return Promise.resolve(
    rows.map((row) => {
      const [, file = '', category = ''] = row.split('\t');
      const text = Object.entries(datFiles).find(([path]) => path.endsWith(`/${file}`))?.[1] ?? '';
      return { file, category, text };
    }),
  );
}

describe('inspectSipMessage on RFC 4475', () => {
  it('passes every valid message to the stack', async () => {
    expect(await corpus()).toHaveLength(49);
    for (const message of (await corpus()).filter((m) => m.category === 'valid')) {
      expect(inspectSipMessage(message.text).action, message.file).toBe('pass');
    }
  });

  it('answers unknown Request-URI schemes with 416 instead of letting the stacks throw', async () => {
    const messages = await corpus();
    for (const file of ['unkscm.dat', 'novelsc.dat']) {
      const verdict = inspectSipMessage(messages.find((m) => m.file === file)?.text ?? '');
      expect(verdict, file).toMatchObject({ action: 'reply', status: 416 });
    }
  });

  it('rejects the invalid messages it is meant to catch, with a reply that echoes the dialog ids', async () => {
    const messages = await corpus();
    const expected: Record<string, number | 'drop'> = {
      'clerr.dat': 400,
      'ncl.dat': 400,
      'scalar02.dat': 400,
      'scalarlg.dat': 'drop',
      'quotbal.dat': 400,
      'ltgtruri.dat': 400,
      'lwsruri.dat': 400,
      'trws.dat': 400,
      'escruri.dat': 400,
      'badvers.dat': 505,
      'mismatch01.dat': 400,
      'mismatch02.dat': 400,
      'bigcode.dat': 'drop',
    };
    for (const [file, outcome] of Object.entries(expected)) {
      const verdict = inspectSipMessage(messages.find((m) => m.file === file)?.text ?? '');
      if (outcome === 'drop') {
        expect(verdict.action, file).toBe('drop');
      } else {
        expect(verdict, file).toMatchObject({ action: 'reply', status: outcome });
        if (verdict.action === 'reply') {
          expect(verdict.reply).toMatch(/^SIP\/2\.0 \d{3} /);
          expect(verdict.reply).toMatch(/\r\nCall-ID: \S+/);
          expect(verdict.reply).toMatch(/\r\nTo: .*;tag=/);
        }
      }
    }
  });

  it('lets multiple-header and missing-header messages be dropped rather than answered wrongly', async () => {
    const messages = await corpus();
    expect(inspectSipMessage(messages.find((m) => m.file === 'multi01.dat')?.text ?? '').action).not.toBe('pass');
    expect(inspectSipMessage(messages.find((m) => m.file === 'insuf.dat')?.text ?? '').action).not.toBe('pass');
  });
});

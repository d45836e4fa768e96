import { describe, expect, it } from 'vitest';
import type { DialRequest } from '../shared/contracts/shell-contract';
import { createMemoryLogger } from '../shared/log';
import { createDialInbox, findDialArgument } from './dial-inbox';

function inbox() {
  const dialled: DialRequest[] = [];
  const refused: Array<{ problem: string; message: string }> = [];
  const log = createMemoryLogger();
  const box = createDialInbox({ dial: (r) => dialled.push(r), refuse: (problem, message) => refused.push({ problem, message }), log, now: () => 42 });
  return { box, dialled, refused, log };
}

describe('click-to-dial inbox', () => {
  it('holds links that arrive before the UI listens, then sends the rest at once', () => {
    const { box, dialled } = inbox();
    box.receive('tel:+1-201-555-0123');
    expect(dialled).toEqual([]);
    const waiting = box.take();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ receivedAt: 42, target: { kind: 'tel', number: '+12015550123' } });
    box.receive('sip:alice@example.com');
    expect(dialled.map((r) => r.target)).toMatchObject([{ kind: 'sip', uri: 'sip:alice@example.com' }]);
    expect(box.take()).toEqual([]);
  });

  it('refuses a malformed link with a clear message and dials nothing', () => {
    const { box, dialled, refused, log } = inbox();
    box.take();
    box.receive('tel:call-me-maybe');
    box.receive('sip:bob:hunter2@example.com');
    expect(dialled).toEqual([]);
    expect(refused.map((r) => r.problem)).toEqual(['bad_number', 'credentials_in_link']);
    expect(refused[0]!.message).toMatch(/digits/);
    expect(JSON.stringify(log.entries)).not.toContain('hunter2');
  });

  it('keeps only the last few links while the UI is not there', () => {
    const { box } = inbox();
    for (let i = 0; i < 8; i++) box.receive(`tel:10${i}`);
    expect(box.take().map((r) => r.target.kind === 'tel' && r.target.number)).toEqual(['103', '104', '105', '106', '107']);
  });
});

describe('dial link on the command line', () => {
  it('is found after the executable, never in a flag', () => {
    expect(findDialArgument(['/opt/Switchboard/switchboard', '--no-sandbox', 'tel:123'])).toBe('tel:123');
    expect(findDialArgument(['C:\\Switchboard.exe', '--allow-file-access-from-files', 'sip:a@b.example'])).toBe('sip:a@b.example');
    expect(findDialArgument(['tel:123'])).toBeNull();
    expect(findDialArgument(['/x', '--open=tel:123'])).toBeNull();
    expect(findDialArgument(['/x', '/home/a/notes.txt'])).toBeNull();
  });
});

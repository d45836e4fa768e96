import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft } from '../../shared/domain/draft';
import { DraftBook, type DraftStorage } from './draft-book';

function memoryStorage(initial: Draft[] = []) {
  const stored = new Map(initial.map((d) => [d.conversationId, d]));
  const saves: Draft[] = [];
  const storage: DraftStorage = {
    load: async (id) => stored.get(id) ?? null,
    save: async (d) => {
      saves.push(d);
      if (d.text === '' && d.attachments.length === 0) stored.delete(d.conversationId);
      else stored.set(d.conversationId, d);
    },
  };
  return { storage, stored, saves };
}

describe('drafts per conversation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps each conversation its own text while the agent switches between them', async () => {
    const { storage } = memoryStorage();
    const book = new DraftBook(storage);
    book.update('c1', { text: 'half-written answer for c1' });
    book.update('c2', { text: 'something else for c2' });
    expect((await book.load('c1')).text).toBe('half-written answer for c1');
    expect((await book.load('c2')).text).toBe('something else for c2');
  });

  it('writes to the cache once typing pauses, coalescing keystrokes', async () => {
    const { storage, saves, stored } = memoryStorage();
    const book = new DraftBook(storage, { delayMs: 400 });
    for (const text of ['h', 'he', 'hel', 'hello']) {
      book.update('c1', { text });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(saves.map((d) => d.text)).toEqual(['hello']);
    expect(stored.get('c1')?.text).toBe('hello');
  });

  it('writes at once when the conversation is left, without waiting for the pause', async () => {
    const { storage, stored } = memoryStorage();
    const book = new DraftBook(storage, { delayMs: 10_000 });
    book.update('c1', { text: 'leaving now', mode: 'note' });
    await book.flush('c1');
    expect(stored.get('c1')).toMatchObject({ text: 'leaving now', mode: 'note' });
  });

  it('survives a restart: a new book reads what the old one stored', async () => {
    const { storage } = memoryStorage();
    const before = new DraftBook(storage);
    before.update('c1', { text: 'written before the restart' });
    await before.flush();
    const after = new DraftBook(storage);
    expect(after.peek('c1')).toBeUndefined();
    expect((await after.load('c1')).text).toBe('written before the restart');
  });

  it('does not let a late answer from the cache overwrite what was typed meanwhile', async () => {
    let release: (d: Draft | null) => void = () => undefined;
    const storage: DraftStorage = { load: () => new Promise((r) => (release = r)), save: async () => undefined };
    const book = new DraftBook(storage);
    const loading = book.load('c1');
    book.update('c1', { text: 'typed while loading' });
    release({ conversationId: 'c1', text: 'old stored text', mode: 'reply', attachments: [], updatedAt: 1 });
    expect((await loading).text).toBe('typed while loading');
  });

  it('forgets a sent draft, in memory and in the cache', async () => {
    const { storage, stored } = memoryStorage([{ conversationId: 'c1', text: 'to send', mode: 'reply', attachments: [], updatedAt: 1 }]);
    const book = new DraftBook(storage);
    await book.load('c1');
    await book.clear('c1');
    expect(stored.has('c1')).toBe(false);
    expect((await book.load('c1')).text).toBe('');
  });
});

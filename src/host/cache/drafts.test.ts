import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/domain/draft';
import { createMemoryLogger } from '../../shared/log';
import { AccountCache } from './account-cache';

const open: AccountCache[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function openAt(file: string, now: () => number = Date.now): AccountCache {
  const cache = AccountCache.open(file, 'agt_test', createMemoryLogger(), now);
  open.push(cache);
  return cache;
}
const draft = (text: string, updatedAt: number, patch: Partial<Draft> = {}): Draft => ({ conversationId: 'conv_1', text, mode: 'reply', attachments: [], updatedAt, ...patch });

describe('drafts in the account cache', () => {
  it('are kept per conversation and survive closing and reopening the cache file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'drafts-')), 'cache.sqlite');
    const before = openAt(file);
    const picture = { id: 'att_1', name: 'label.png', mimeType: 'image/png', size: 68, url: '/attachments/att_1?sig=x' };
    before.saveDraft(draft('half-written answer', 10, { mode: 'note', attachments: [picture] }));
    before.saveDraft(draft('other conversation', 11, { conversationId: 'conv_2' }));
    before.close();
    const after = openAt(file);
    expect(after.draft('conv_1')).toEqual(draft('half-written answer', 10, { mode: 'note', attachments: [picture] }));
    expect(after.draft('conv_2')?.text).toBe('other conversation');
    expect(after.draft('conv_3')).toBeNull();
  });

  it('never lets an older save replace a newer one', () => {
    const c = openAt(join(mkdtempSync(join(tmpdir(), 'drafts-')), 'cache.sqlite'));
    c.saveDraft(draft('typed later', 20));
    c.saveDraft(draft('a late save of something older', 15));
    expect(c.draft('conv_1')?.text).toBe('typed later');
  });

  it('removes a draft that became empty, and the draft of a reply once it is queued to send', () => {
    const c = openAt(join(mkdtempSync(join(tmpdir(), 'drafts-')), 'cache.sqlite'));
    c.saveDraft(draft('x', 1));
    c.saveDraft(draft('   ', 2));
    expect(c.draft('conv_1')).toBeNull();
    c.saveDraft(draft('Your parcel left today', 3));
    c.enqueueMessage(
      { id: 'local_k1', conversationId: 'conv_1', channel: 'widget', direction: 'out', authorKind: 'agent', authorId: 'agt_test', text: 'Your parcel left today', attachments: [], internal: false, key: c.scopedKey('k1'), createdAt: 4, delivery: 'pending' },
      'k1',
      { kind: 'message.send', conversationId: 'conv_1', text: 'Your parcel left today', internal: false },
    );
    expect(c.draft('conv_1')).toBeNull();
  });

  it('are dropped with the rest of the history past the retention window', () => {
    let now = 1_000;
    const c = openAt(join(mkdtempSync(join(tmpdir(), 'drafts-')), 'cache.sqlite'), () => now);
    c.saveDraft(draft('old', now));
    now += 31 * 86_400_000;
    c.saveDraft(draft('fresh', now, { conversationId: 'conv_2' }));
    expect(c.prune(30).drafts).toBe(1);
    expect(c.draft('conv_1')).toBeNull();
    expect(c.draft('conv_2')?.text).toBe('fresh');
  });
});

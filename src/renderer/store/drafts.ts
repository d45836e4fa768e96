import { DraftBook } from '../lib/draft-book';
import { rpc } from '../rpc/connect';

/** The window's drafts, kept by the host in the account's cache. */
export const drafts = new DraftBook({
  load: async (conversationId) => {
    const result = await rpc.drafts.get({ conversationId });
    return result.ok ? result.value : null;
  },
  save: async (draft) => {
    await rpc.drafts.save(draft);
  },
});

// A closing window takes the last keystrokes with it unless they are written now.
addEventListener('pagehide', () => void drafts.flush());

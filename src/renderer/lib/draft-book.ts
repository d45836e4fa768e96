import type { Attachment } from '../../shared/domain/message';
import { isEmptyDraft, type ComposerMode, type Draft } from '../../shared/domain/draft';

export interface DraftStorage {
  load(conversationId: string): Promise<Draft | null>;
  save(draft: Draft): Promise<void>;
}

export interface DraftBookOptions {
  /** How long typing may pause before what was typed is written to the host's cache. */
  delayMs?: number;
  now?: () => number;
}

export type DraftPatch = Partial<{ text: string; mode: ComposerMode; attachments: Attachment[] }>;

const blank = (conversationId: string, at: number): Draft => ({ conversationId, text: '', mode: 'reply', attachments: [], updatedAt: at });

/**
 * The agent's unsent replies, one per conversation. Held in memory for instant switching, written
 * to the host's cache a moment after typing pauses (and at once when the conversation is left), so
 * a draft survives switching conversations, a reload and a restart.
 */
export class DraftBook {
  private readonly drafts = new Map<string, Draft>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly delayMs: number;
  private readonly now: () => number;

  constructor(
    private readonly storage: DraftStorage,
    options: DraftBookOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 400;
    this.now = options.now ?? Date.now;
  }

  /** What this window holds for the conversation, without asking the host. */
  peek(conversationId: string): Draft | undefined {
    return this.drafts.get(conversationId);
  }

  /** The draft from memory, else from the host; what was typed here meanwhile wins over a late answer. */
  async load(conversationId: string): Promise<Draft> {
    const held = this.drafts.get(conversationId);
    if (held) return held;
    const stored = await this.storage.load(conversationId).catch(() => null);
    const now = this.drafts.get(conversationId);
    if (now) return now;
    const draft = stored ?? blank(conversationId, 0);
    this.drafts.set(conversationId, draft);
    return draft;
  }

  update(conversationId: string, patch: DraftPatch): Draft {
    const draft = { ...(this.drafts.get(conversationId) ?? blank(conversationId, 0)), ...patch, updatedAt: this.now() };
    this.drafts.set(conversationId, draft);
    this.schedule(conversationId);
    return draft;
  }

  /** Writes now what waits for the typing pause (leaving a conversation, closing the window). */
  flush(conversationId?: string): Promise<void> {
    const ids = conversationId === undefined ? [...this.timers.keys()] : this.timers.has(conversationId) ? [conversationId] : [];
    return Promise.all(ids.map((id) => this.write(id))).then(() => undefined);
  }

  /** Sent: nothing is left to keep. */
  clear(conversationId: string): Promise<void> {
    this.drafts.set(conversationId, blank(conversationId, this.now()));
    return this.write(conversationId);
  }

  private schedule(conversationId: string): void {
    const old = this.timers.get(conversationId);
    if (old) clearTimeout(old);
    this.timers.set(
      conversationId,
      setTimeout(() => void this.write(conversationId), this.delayMs),
    );
  }

  private async write(conversationId: string): Promise<void> {
    const timer = this.timers.get(conversationId);
    if (timer) clearTimeout(timer);
    this.timers.delete(conversationId);
    const draft = this.drafts.get(conversationId);
    if (!draft) return;
    // An empty draft is saved too: it deletes the stored one.
    await this.storage.save(isEmptyDraft(draft) ? { ...draft, text: '', attachments: [] } : draft).catch(() => undefined);
  }
}

import type Database from 'better-sqlite3';
import { draftSchema, type Draft } from '../../../shared/domain/draft';
import { json, type Row } from './row';

export function draftFromRow(row: Row): Draft {
  return draftSchema.parse({
    conversationId: row.conversation_id,
    text: row.text,
    mode: row.mode,
    attachments: json(row.attachments),
    updatedAt: row.updated_at,
  });
}

/** One unsent reply or note per conversation; an empty one is deleted, not stored. */
export function draftsTable(db: Database.Database) {
  const get = db.prepare('SELECT * FROM drafts WHERE conversation_id = ?');
  const put = db.prepare(
    `INSERT INTO drafts (conversation_id, text, mode, attachments, updated_at) VALUES (@conversation_id, @text, @mode, @attachments, @updated_at)
     ON CONFLICT(conversation_id) DO UPDATE SET text = excluded.text, mode = excluded.mode, attachments = excluded.attachments, updated_at = excluded.updated_at
     WHERE excluded.updated_at >= drafts.updated_at`,
  );
  const remove = db.prepare('DELETE FROM drafts WHERE conversation_id = ?');
  const prune = db.prepare('DELETE FROM drafts WHERE updated_at < ?');
  return {
    get(conversationId: string): Draft | null {
      const row = get.get(conversationId) as Row | undefined;
      return row ? draftFromRow(row) : null;
    },
    /** Keeps the newer of two writes: a late save from a slow window never overwrites what was typed after it. */
    put(draft: Draft): void {
      put.run({
        conversation_id: draft.conversationId,
        text: draft.text,
        mode: draft.mode,
        attachments: JSON.stringify(draft.attachments),
        updated_at: draft.updatedAt,
      });
    },
    remove: (conversationId: string): boolean => remove.run(conversationId).changes > 0,
    prune: (before: number): number => prune.run(before).changes,
  };
}

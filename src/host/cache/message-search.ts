import type Database from 'better-sqlite3';
import type { WorkspaceMessage } from '../../shared/contracts/workspace-contract';
import { messageFromRow } from './tables/messages-table';
import type { Row } from './tables/row';

/** The trigram index only knows strings of three or more characters. */
export const TRIGRAM = 3;
const MAX_TERMS = 8;

export interface SearchPlan {
  /** An FTS5 MATCH expression over the terms long enough for the trigram index, or null when none are. */
  match: string | null;
  /** LIKE patterns (escaped) for terms of one or two characters, e.g. 退款's 退 or a two-character name. */
  likes: string[];
}

export const escapeLike = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Splits what the agent typed into terms. Long terms go to the index as quoted phrases (so FTS5
 * operators in the input are plain text); short ones, common in Chinese, fall back to LIKE.
 */
export function planSearch(query: string): SearchPlan {
  const terms = [...new Set(query.normalize('NFKC').trim().split(/\s+/u).filter(Boolean))].slice(0, MAX_TERMS);
  const long = terms.filter((t) => [...t].length >= TRIGRAM);
  const short = terms.filter((t) => [...t].length < TRIGRAM);
  return {
    match: long.length > 0 ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null,
    likes: short.map((t) => `%${escapeLike(t)}%`),
  };
}

/** Newest first: message rowids grow with arrival, and FTS5 walks rowids backwards cheaply. */
export function searchMessages(db: Database.Database, query: string, limit: number): WorkspaceMessage[] {
  const plan = planSearch(query);
  if (!plan.match && plan.likes.length === 0) return [];
  const likeSql = plan.likes.map(() => `m.text LIKE ? ESCAPE '\\'`).join(' AND ');
  const columns = 'm.id, m.conversation_id, m.channel, m.direction, m.author_kind, m.author_id, m.text, m.attachments, m.internal, m.key, m.created_at, m.delivery, m.extra';
  let sql: string;
  let args: unknown[];
  if (plan.match) {
    sql = `SELECT ${columns} FROM messages_fts JOIN messages m ON m.rid = messages_fts.rowid
           WHERE messages_fts MATCH ? ${likeSql ? `AND ${likeSql}` : ''} ORDER BY messages_fts.rowid DESC LIMIT ?`;
    args = [plan.match, ...plan.likes, limit];
  } else {
    // No index helps a one- or two-character term; scanning newest first stops as soon as enough match.
    sql = `SELECT ${columns} FROM messages m WHERE ${likeSql} ORDER BY m.rid DESC LIMIT ?`;
    args = [...plan.likes, limit];
  }
  return (db.prepare(sql).all(...args) as Row[]).map(messageFromRow);
}

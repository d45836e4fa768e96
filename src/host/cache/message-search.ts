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
  /** The terms behind `match`, as typed (the unindexed tail is scanned for them with LIKE). */
  longTerms: string[];
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
    longTerms: long,
  };
}

const COLUMNS = 'm.id, m.conversation_id, m.channel, m.direction, m.author_kind, m.author_id, m.text, m.attachments, m.internal, m.key, m.created_at, m.delivery, m.extra';

/**
 * Newest first: message rowids grow with arrival, and FTS5 walks rowids backwards cheaply. Rows the
 * background indexer has not reached yet (rowid above `indexedThrough`, migration 007) are the newest,
 * so they are scanned first with LIKE for every term, then the index answers for the rest.
 */
export function searchMessages(db: Database.Database, query: string, limit: number, indexedThrough = Number.MAX_SAFE_INTEGER): WorkspaceMessage[] {
  const plan = planSearch(query);
  if (!plan.match && plan.likes.length === 0) return [];
  const rows: Row[] = [];
  const tailPatterns = [...plan.longTerms.map((t) => `%${escapeLike(t)}%`), ...plan.likes];
  const tailSql = tailPatterns.map(() => `m.text LIKE ? ESCAPE '\\'`).join(' AND ');
  rows.push(...(db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.rid > ? AND ${tailSql} ORDER BY m.rid DESC LIMIT ?`).all(indexedThrough, ...tailPatterns, limit) as Row[]));
  const rest = limit - rows.length;
  if (rest > 0) {
    const likeSql = plan.likes.map(() => `m.text LIKE ? ESCAPE '\\'`).join(' AND ');
    let sql: string;
    let args: unknown[];
    if (plan.match) {
      sql = `SELECT ${COLUMNS} FROM messages_fts JOIN messages m ON m.rid = messages_fts.rowid
             WHERE messages_fts MATCH ? AND messages_fts.rowid <= ? ${likeSql ? `AND ${likeSql}` : ''} ORDER BY messages_fts.rowid DESC LIMIT ?`;
      args = [plan.match, indexedThrough, ...plan.likes, rest];
    } else {
      // No index helps a one- or two-character term; scanning newest first stops as soon as enough match.
      sql = `SELECT ${COLUMNS} FROM messages m WHERE m.rid <= ? AND ${likeSql} ORDER BY m.rid DESC LIMIT ?`;
      args = [indexedThrough, ...plan.likes, rest];
    }
    rows.push(...(db.prepare(sql).all(...args) as Row[]));
  }
  return rows.map(messageFromRow);
}

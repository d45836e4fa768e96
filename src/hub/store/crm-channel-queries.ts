import type { ChannelQueries, CrmQueries } from './hub-store';
import { attachmentFromRow, orderFromRow, ticketFromRow } from './row-mappers';
import { placeholders, type QueryFn } from './sqlite-query';

export function crmQueries(q: QueryFn): CrmQueries {
  return {
    insertOrder(o) {
      q('INSERT INTO orders (id, customer_id, platform, status, total_minor, currency, summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        o.id, o.customerId, o.platform, o.status, o.totalMinor, o.currency, o.summary, o.createdAt,
      );
    },
    order: (id) => {
      const r = q('SELECT * FROM orders WHERE id = ?').get(id);
      return r ? orderFromRow(r) : null;
    },
    ordersOf: (ids) =>
      ids.length === 0 ? [] : q(`SELECT * FROM orders WHERE customer_id IN (${placeholders(ids.length)}) ORDER BY created_at DESC`).all(...ids).map(orderFromRow),
    insertTicket(t) {
      q(
        `INSERT INTO tickets (id, customer_id, conversation_id, title, description, status, priority, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(t.id, t.customerId, t.conversationId, t.title, t.description, t.status, t.priority, t.createdBy, t.createdAt, t.updatedAt);
    },
    ticketsOf: (ids) =>
      ids.length === 0 ? [] : q(`SELECT * FROM tickets WHERE customer_id IN (${placeholders(ids.length)}) ORDER BY created_at DESC`).all(...ids).map(ticketFromRow),
  };
}

export function channelQueries(q: QueryFn): ChannelQueries {
  return {
    insertAttachment(a) {
      q('INSERT INTO attachments (id, owner, name, mime_type, size, file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        a.id, a.owner, a.name, a.mimeType, a.size, a.file, a.createdAt,
      );
    },
    attachment: (id) => {
      const r = q('SELECT * FROM attachments WHERE id = ?').get(id);
      return r ? attachmentFromRow(r) : null;
    },
    markAttachmentsReferenced(ids, at) {
      for (const id of ids) q('UPDATE attachments SET referenced_at = ? WHERE id = ? AND referenced_at IS NULL').run(at, id);
    },
    unreferencedAttachments: (before, limit) =>
      q('SELECT * FROM attachments WHERE referenced_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?').all(before, limit).map(attachmentFromRow),
    deleteAttachment(id) {
      q('DELETE FROM attachments WHERE id = ?').run(id);
    },
    attachmentBytesSince: (owner, since) =>
      Number(q<{ n: number | null }>('SELECT SUM(size) AS n FROM attachments WHERE owner = ? AND created_at >= ?').get(owner, since)?.n ?? 0),
    rememberSignature: (signature, at) => q('INSERT OR IGNORE INTO seen_signatures (signature, at) VALUES (?, ?)').run(signature, at).changes === 1,
    forgetSignaturesBefore(at) {
      q('DELETE FROM seen_signatures WHERE at < ?').run(at);
    },
  };
}

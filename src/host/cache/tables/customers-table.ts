import type Database from 'better-sqlite3';
import { customerSchema, type Customer } from '../../../shared/domain/customer';
import { json, type Row } from './row';

/** The full customer is kept as JSON so fields the hub adds later survive; columns serve queries. */
export function customerFromRow(row: Row): Customer {
  return customerSchema.parse(json(row.doc));
}

export function customersTable(db: Database.Database) {
  const upsert = db.prepare(
    `INSERT INTO customers (id, name, tags, identities, doc, created_at, seen_at) VALUES (@id, @name, @tags, @identities, @doc, @created_at, @seen_at)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, tags = excluded.tags, identities = excluded.identities, doc = excluded.doc, seen_at = excluded.seen_at`,
  );
  const byId = db.prepare('SELECT doc FROM customers WHERE id = ?');
  const all = db.prepare('SELECT doc FROM customers ORDER BY name');
  const matching = db.prepare(
    `SELECT doc FROM customers WHERE name LIKE @pattern ESCAPE '\\' OR identities LIKE @pattern ESCAPE '\\' ORDER BY seen_at DESC LIMIT @limit`,
  );
  const prune = db.prepare(
    'DELETE FROM customers WHERE seen_at < ? AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.customer_id = customers.id)',
  );
  return {
    upsert(customer: Customer, seenAt: number): void {
      upsert.run({
        id: customer.id,
        name: customer.name,
        tags: JSON.stringify(customer.tags),
        identities: JSON.stringify(customer.identities),
        doc: JSON.stringify(customer),
        created_at: customer.createdAt,
        seen_at: seenAt,
      });
    },
    get(id: string): Customer | null {
      const row = byId.get(id) as Row | undefined;
      return row ? customerFromRow(row) : null;
    },
    all: (): Customer[] => (all.all() as Row[]).map(customerFromRow),
    search: (pattern: string, limit: number): Customer[] => (matching.all({ pattern, limit }) as Row[]).map(customerFromRow),
    prune: (before: number): number => prune.run(before).changes,
  };
}

/** A row as better-sqlite3 returns it; mappers check it with zod before it becomes a domain value. */
export type Row = Record<string, unknown>;

export const json = (value: unknown): unknown => JSON.parse(String(value));

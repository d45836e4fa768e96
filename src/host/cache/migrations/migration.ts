/** Numbered, append-only. Each runs once, in a transaction, and bumps `user_version`. */
export interface CacheMigration {
  version: number;
  name: string;
  sql: string;
}

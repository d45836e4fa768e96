import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The hub's data folder and databases hold customers' messages (and the unmasked originals) and password hashes:
 * only the hub's own user may read them, whatever the umask. A folder or file from an older install is tightened.
 */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/**
 * Creates the file 0600 before SQLite opens it: SQLite gives its -wal and -shm files the main file's mode.
 * Existing ones (the main file and its companions) are set to 0600.
 */
export function privateDatabase(file: string): string {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const path = file + suffix;
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
  return file;
}

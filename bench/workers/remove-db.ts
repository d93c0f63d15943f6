// Removes a bench database and the files SQLite keeps beside it (WAL, shared memory, rollback
// journal), so a killed run leaves nothing behind for the next one to trip over. (SQLite
// itself drops a leftover journal or WAL beside a new, empty file: store/open.test.ts.)
import { rmSync } from 'node:fs';

export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

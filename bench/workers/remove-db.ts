// Removes a bench database and the files SQLite keeps beside it (WAL, shared memory, rollback
// journal): a journal left by an earlier killed run would otherwise be rolled back into the
// next run's new file of the same name.
import { rmSync } from 'node:fs';

export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

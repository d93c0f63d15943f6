/**
 * The list of recently opened cases: paths and times only (never a passphrase), in a small
 * JSON file in the app's data folder, newest first.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface RecentEntry {
  readonly path: string;
  readonly openedAt: string;
}

const LIMIT = 12;

export class RecentCases {
  constructor(private readonly file: string | undefined) {}

  list(): RecentEntry[] {
    if (!this.file || !existsSync(this.file)) return [];
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed)
        ? parsed.filter(
            (e): e is RecentEntry =>
              typeof e === 'object' &&
              e !== null &&
              typeof (e as RecentEntry).path === 'string' &&
              typeof (e as RecentEntry).openedAt === 'string',
          )
        : [];
    } catch {
      return []; // a damaged list is only a convenience lost, never a case
    }
  }

  add(path: string, at = new Date().toISOString()): void {
    this.write([{ path, openedAt: at }, ...this.list().filter((e) => e.path !== path)]);
  }

  forget(path: string): void {
    this.write(this.list().filter((e) => e.path !== path));
  }

  private write(entries: RecentEntry[]): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(entries.slice(0, LIMIT), null, 1), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

export const caseName = (path: string) => basename(path).replace(/\.ringlens$/, '');

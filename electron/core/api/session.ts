/**
 * The engine side of the UI: one open case at a time, its lock state, and the idle timer
 * that drops the key. No Electron here: the desktop shell and the web bridge both wrap it.
 */
import { RinglensError } from '../../../shared/errors';
import type { CaseStatus, EventName, EventPayload } from '../../../shared/api/contract';
import { closeCase, createCase, openCase, type CaseStore } from '../store/open';
import { UnlockThrottle } from '../store/unlock-throttle';
import { appendAudit } from '../audit/log';
import { FileGrants } from './file-grants';
import { Operations } from './operations';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class Session {
  private store: CaseStore | undefined;
  /** Back-off for wrong passphrases (store/unlock-throttle.ts). */
  readonly throttle = new UnlockThrottle();
  private path: string | null = null;
  private locked = false;
  private timer: NodeJS.Timeout | undefined;
  autoLockMinutes = 15;
  /** Files the person chose in a dialog, by opaque token (see file-grants.ts). */
  readonly grants = new FileGrants();
  /** Serialises work on the one connection: an import and a query never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Long actions the UI can follow and cancel (operations.ts). */
  readonly operations: Operations;

  constructor(
    readonly actor: string,
    private readonly emit: Emit,
  ) {
    this.operations = new Operations((p) => {
      this.touch();
      this.emit('operation.progress', p);
    });
  }

  emitProgress(p: EventPayload<'import.progress'>): void {
    this.touch();
    this.emit('import.progress', p);
  }

  status(): CaseStatus {
    return {
      open: this.store !== undefined,
      locked: this.locked,
      path: this.path,
      autoLockMinutes: this.autoLockMinutes,
    };
  }

  /** The open, unlocked store; touching it counts as activity for the idle timer. */
  db(): CaseStore['db'] {
    if (this.locked)
      throw new RinglensError('CASE_LOCKED', 'the case is locked', {
        hint: 'unlock it with its passphrase',
      });
    if (!this.store)
      throw new RinglensError('CASE_NOT_FOUND', 'no case is open', {
        hint: 'create or open a case first',
      });
    this.touch();
    return this.store.db;
  }

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  create(path: string, passphrase: string): CaseStatus {
    this.close();
    this.store = createCase(path, passphrase);
    appendAudit(this.store.db, {
      actor: this.actor,
      action: 'case.create',
      object: 'case',
      details: { file: path },
    });
    return this.opened(path);
  }

  open(path: string, passphrase: string): CaseStatus {
    this.close();
    this.store = this.throttle.attempt(path, () => openCase(path, passphrase));
    appendAudit(this.store.db, { actor: this.actor, action: 'case.unlock', object: 'case' });
    return this.opened(path);
  }

  adopt(store: CaseStore): CaseStatus {
    this.close();
    this.store = store;
    return this.opened(store.path);
  }

  private opened(path: string): CaseStatus {
    this.path = path;
    this.locked = false;
    this.touch();
    return this.status();
  }

  /** Locking closes the connection: the key leaves memory with it. */
  lock(reason: 'user' | 'idle' = 'user'): CaseStatus {
    if (this.store && !this.locked) {
      appendAudit(this.store.db, {
        actor: this.actor,
        action: 'case.lock',
        object: 'case',
        details: { reason },
      });
      closeCase(this.store);
      this.store = undefined;
      this.locked = true;
      this.emit('case.locked', { reason });
    }
    clearTimeout(this.timer);
    return this.status();
  }

  unlock(passphrase: string): CaseStatus {
    if (!this.locked || !this.path)
      throw new RinglensError('INVALID_ARGUMENT', 'the case is not locked');
    const path = this.path;
    this.store = this.throttle.attempt(path, () => openCase(path, passphrase));
    appendAudit(this.store.db, { actor: this.actor, action: 'case.unlock', object: 'case' });
    return this.opened(this.path);
  }

  setAutoLock(minutes: number): CaseStatus {
    this.autoLockMinutes = minutes;
    this.touch();
    return this.status();
  }

  private touch(): void {
    clearTimeout(this.timer);
    if (!this.store) return;
    this.timer = setTimeout(() => this.lock('idle'), this.autoLockMinutes * 60_000);
    this.timer.unref?.();
  }

  /** Closes the case the person asked to close: audited, then the key leaves memory. */
  closeByUser(): void {
    if (this.store && !this.locked)
      appendAudit(this.store.db, { actor: this.actor, action: 'case.close', object: 'case' });
    this.close();
  }

  close(): void {
    clearTimeout(this.timer);
    if (this.store) closeCase(this.store);
    this.store = undefined;
    this.locked = false;
    this.path = null;
  }
}

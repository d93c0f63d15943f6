/**
 * Issue 18 on the engine: the messages a person reads for the errors they can cause (each
 * one quoted in the issue, asserted in its new words), file arguments checked before any
 * work, case close and the recent list, and the web chooser kept inside its folders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from '../../../../electron/core/api/session';
import { createHandlers, dispatch } from '../../../../electron/core/api/handlers';
import { webFileHandlers } from '../../../../electron/web/file-chooser';
import { userErrorOf } from '../../../../electron/core/api/user-errors';
import { tempDir } from '../../../support/bundles';

const dirs: string[] = [];
const newDir = () => {
  const d = tempDir('ringlens-casefiles-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function engine(dir: string, roots = [{ label: 'Work', path: dir }]) {
  const session = new Session('tester', () => undefined);
  const handlers = createHandlers(session, {
    openDemo: () => Promise.resolve(undefined),
    recentFile: join(dir, 'recent.json'),
    files: webFileHandlers(session, roots),
  });
  const call = (method: string, input: unknown) => dispatch(session, handlers, method, input);
  return { session, call };
}

const PASS = 'a long and unusual passphrase 2025';

describe('errors a person can cause, in plain words', () => {
  it('a missing ring (was: "packet.preview: Invalid string: must match pattern /^R-\\d{4,}$/")', async () => {
    const { call } = engine(newDir());
    const r = await call('packet.preview', {
      type: 'referral',
      ringId: '',
      date: '2025-11-01',
      preparer: 'J. Examiner',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'Choose a ring first.', field: 'ringId' },
    });
    if (!r.ok) {
      expect(r.error.message).not.toMatch(/pattern|Invalid string/);
      expect(r.error.detail).toMatch(/packet\.preview: .*pattern/); // kept behind "details"
    }
  });

  it('an empty field (was: "Too small: expected string to have >=1 characters")', async () => {
    const { call } = engine(newDir());
    const r = await call('packet.preview', {
      type: 'referral',
      ringId: 'R-0001',
      date: '2025-11-01',
      preparer: '',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'Prepared by is empty.', hint: 'Fill in Prepared by and try again.' },
    });
  });

  it('a missing agency (was: "outcomes.add: Invalid input: expected string, received undefined")', async () => {
    const { call } = engine(newDir());
    const r = await call('outcomes.add', {
      outcome: {
        kind: 'referral',
        subject: { kind: 'ring', id: 'R-0001' },
        date: '2025-11-01',
        reference: 'X-1',
      },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: 'The agency is missing.', field: 'outcome.agency' },
    });
  });

  it('a folder given as a bundle (was: "EISDIR: illegal operation on a directory, read")', async () => {
    const dir = newDir();
    const { call } = engine(dir);
    await call('case.create', { path: join(dir, 'c.ringlens'), passphrase: PASS });
    expect(await call('bundle.inspect', { path: dir })).toMatchObject({
      ok: false,
      error: { message: `${dir} is a folder, not a file.`, field: 'path' },
    });
  });

  it('a case in a folder that does not exist (was: "Cannot open database because the directory does not exist")', async () => {
    const dir = newDir();
    const { call } = engine(dir);
    expect(
      await call('case.create', { path: join(dir, 'nope', 'c.ringlens'), passphrase: PASS }),
    ).toMatchObject({
      ok: false,
      error: {
        message: `The folder ${join(dir, 'nope')} does not exist.`,
        hint: 'Choose an existing folder, or create it first.',
      },
    });
  });

  it('a relative path, which used to land in the app’s own folder', async () => {
    const { call } = engine(newDir());
    expect(await call('case.create', { path: 'c.ringlens', passphrase: PASS })).toMatchObject({
      ok: false,
      error: { message: '"c.ringlens" is not a full path.' },
    });
  });

  it('system errors from anywhere else read as sentences, the raw text as detail', () => {
    const e = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), {
      code: 'EISDIR',
      path: '/x/y',
    });
    expect(userErrorOf(e)).toEqual({
      code: 'IO_ERROR',
      message: '/x/y is a folder, not a file.',
      hint: 'Choose a file inside the folder.',
      file: '/x/y',
      detail: 'EISDIR: illegal operation on a directory, read',
    });
  });
});

describe('output paths are checked before any work starts', () => {
  it('refuses a packet into a missing folder without building it', async () => {
    const dir = newDir();
    const { call } = engine(dir);
    await call('case.create', { path: join(dir, 'c.ringlens'), passphrase: PASS });
    const r = await call('packet.export', {
      type: 'referral',
      ringId: 'R-0001',
      date: '2025-11-01',
      preparer: 'J. Examiner',
      out: join(dir, 'gone', 'p.zip'),
    });
    // The ring does not exist in this empty case: had the packet been built first, the
    // error would be about the ring. The path is refused before that.
    expect(r).toMatchObject({
      ok: false,
      error: { message: `The folder ${join(dir, 'gone')} does not exist.`, field: 'out' },
    });
    expect(
      await call('packet.export', {
        type: 'referral',
        ringId: 'R-0001',
        date: '2025-11-01',
        preparer: 'J. Examiner',
        out: dir,
      }),
    ).toMatchObject({
      ok: false,
      error: { message: `${dir} is a folder; a file name is needed.` },
    });
  });
});

describe('case management', () => {
  it('closes a case (the key leaves with the connection) and lists it as recent', async () => {
    const dir = newDir();
    const { session, call } = engine(dir);
    await call('case.create', { path: join(dir, 'a.ringlens'), passphrase: PASS });
    await call('case.create', { path: join(dir, 'b.ringlens'), passphrase: PASS });
    expect(await call('case.close', {})).toEqual({ ok: true, value: { open: false } });
    expect(session.status()).toMatchObject({ open: false, locked: false, path: null });
    expect(await call('case.summary', {})).toMatchObject({
      ok: false,
      error: { code: 'CASE_NOT_FOUND' },
    });
    const recent = await call('case.recent', {});
    if (!recent.ok) throw new Error('no recent list');
    const list = recent.value as { name: string; exists: boolean; token: string }[];
    expect(list.map((r) => r.name)).toEqual(['b', 'a']);
    // Reopen from the list by its token, without typing the path.
    expect(await call('case.open', { path: list[1]!.token, passphrase: PASS })).toMatchObject({
      ok: true,
      value: { open: true, path: join(dir, 'a.ringlens') },
    });
    rmSync(join(dir, 'b.ringlens'));
    const after = await call('case.recent', {});
    expect(after.ok && (after.value as { name: string; exists: boolean }[])).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'b', exists: false, token: null })]),
    );
  });

  it('refuses a grant token it never issued', async () => {
    const { call } = engine(newDir());
    expect(
      await call('case.open', { path: 'grant:AAAAAAAAAAAAAAAAAAAAAAAA', passphrase: PASS }),
    ).toMatchObject({ ok: false, error: { message: /no longer available/ } });
  });
});

describe('the web file chooser stays inside the folders it was given', () => {
  it('lists, picks and refuses .., separators and links out of the root', async () => {
    const dir = newDir();
    const root = join(dir, 'root');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'sub', 'b.zip'), 'x');
    writeFileSync(join(root, 'notes.docx'), 'x');
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'secret', 'k.zip'), 'x');
    symlinkSync(join(dir, 'secret'), join(root, 'escape'));
    const { call } = engine(dir, [{ label: 'Work', path: root }]);
    const top = await call('files.list', { root: 'r0', dir: [], purpose: 'bundle' });
    expect(
      top.ok && (top.value as { entries: { name: string }[] }).entries.map((e) => e.name),
    ).toEqual(['escape', 'sub']); // other kinds of file are not offered for a bundle
    expect(await call('files.list', { root: 'r0', dir: ['sub'], purpose: 'bundle' })).toMatchObject(
      {
        ok: true,
        value: { entries: [{ name: 'b.zip', kind: 'file' }] },
      },
    );
    for (const dirs of [['..'], ['sub/..'], ['.'], ['a\\b']])
      expect(await call('files.list', { root: 'r0', dir: dirs, purpose: 'bundle' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    expect(
      await call('files.list', { root: 'r0', dir: ['escape'], purpose: 'bundle' }),
    ).toMatchObject({
      ok: false,
      error: { message: 'That folder leads outside the allowed folders.' },
    });
    expect(await call('files.list', { root: 'r9', dir: [], purpose: 'bundle' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const picked = await call('files.pick', {
      root: 'r0',
      dir: ['sub'],
      name: 'b.zip',
      purpose: 'bundle',
    });
    expect(picked).toMatchObject({ ok: true, value: { name: 'b.zip', token: /^grant:/ } });
  });
});

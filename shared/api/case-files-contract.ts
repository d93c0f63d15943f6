/**
 * The contract's case-management and file-access methods (issue 18): close and recent
 * cases, and files chosen by the person rather than typed. A chosen file reaches the
 * renderer only as an opaque grant token (`grant:…`); the engine resolves it to the path
 * the shell's dialog (Electron) or the engine's own chooser (web mode) picked, and every
 * method that takes a file path accepts such a token in its place.
 */
import { z } from 'zod';

/** What a chooser is for: it sets the dialog's title, filters and the check made on the pick. */
export const FilePurpose = z.enum([
  'case-open',
  'case-new',
  'bundle',
  'csv',
  'outcomes-csv',
  'packet',
  'share',
  'csv-out',
]);
export type FilePurpose = z.infer<typeof FilePurpose>;

/** Read purposes pick an existing file; write purposes pick a folder and a new file name. */
export const WRITE_PURPOSES: ReadonlySet<FilePurpose> = new Set([
  'case-new',
  'packet',
  'share',
  'csv-out',
]);

export const GrantToken = z.string().regex(/^grant:[A-Za-z0-9_-]{16,64}$/);

export const ChosenFile = z.object({
  token: GrantToken,
  /** The file's name, for display. */
  name: z.string(),
  /** The folder it is in, for display ("in …"). */
  folder: z.string(),
});
export type ChosenFile = z.infer<typeof ChosenFile>;

export const RecentCase = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when the file is no longer where it was (moved, deleted, on an unplugged disk). */
  exists: z.boolean(),
  /** A grant for opening it without a dialog. */
  token: GrantToken.nullable(),
});
export type RecentCase = z.infer<typeof RecentCase>;

const Segment = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => s !== '.' && s !== '..' && !/[/\\\0]/.test(s), 'not a plain folder name');

export const FolderRoot = z.object({ id: z.string(), label: z.string(), path: z.string() });

export const FolderListing = z.object({
  root: z.string(),
  dir: z.array(z.string()),
  /** Where this is, for display. */
  display: z.string(),
  entries: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['folder', 'file']),
      size: z.number(),
      modified: z.string(),
    }),
  ),
});
export type FolderListing = z.infer<typeof FolderListing>;

// Inputs are strict, as everywhere in the contract.
const method = <S extends z.ZodRawShape, O extends z.ZodType>(
  input: z.ZodObject<S>,
  output: O,
) => ({ input: input.strict(), output });

/** Method specs, spread into `API` by the contract. */
export const CASE_FILE_METHODS = {
  /** Closes the case: the connection closes and the key leaves memory. */
  'case.close': method(z.object({}), z.object({ open: z.literal(false) })),
  'case.recent': method(z.object({}), z.array(RecentCase)),
  'case.forget': method(z.object({ path: z.string().min(1).max(4096) }), z.array(RecentCase)),
  /** Desktop: a native open or save dialog. Null when the person cancels. */
  'files.choose': method(
    z.object({ purpose: FilePurpose, suggestedName: z.string().max(255).optional() }),
    ChosenFile.nullable(),
  ),
  /** Web mode: the folders this person allowed the chooser to browse. */
  'files.roots': method(z.object({}), z.array(FolderRoot)),
  'files.list': method(
    z.object({
      root: z.string().min(1).max(64),
      dir: z.array(Segment).max(64).default([]),
      purpose: FilePurpose,
    }),
    FolderListing,
  ),
  'files.pick': method(
    z.object({
      root: z.string().min(1).max(64),
      dir: z.array(Segment).max(64).default([]),
      name: Segment,
      purpose: FilePurpose,
    }),
    ChosenFile,
  ),
  /** After an export: open the file, or show it in its folder. */
  'files.reveal': method(
    z.object({ token: GrantToken, how: z.enum(['open', 'folder']) }),
    // Web mode: `href` downloads the file; for a folder, where the chooser should open.
    z.object({
      href: z.string().nullable(),
      root: z.string().optional(),
      dir: z.array(z.string()).optional(),
    }),
  ),
} as const;

/** Commands the desktop shell's menu sends to the window (the web mode has the same buttons). */
export const AppCommand = z.object({
  command: z.enum([
    'case.new',
    'case.open',
    'case.close',
    'case.recent',
    'lock',
    'back',
    'forward',
    'shortcuts',
  ]),
  /** The file the menu's dialog or recent list already chose. */
  file: ChosenFile.optional(),
});
export type AppCommand = z.infer<typeof AppCommand>;

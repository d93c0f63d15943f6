/**
 * Writes test/fixtures/hostile/: bad lead bundles, one per kind of attack or mistake, and
 * expectations.json naming the error each must produce. Deterministic: a fixed key and
 * fixed content, so the corpus is reproducible and reviewable.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { join } from 'node:path';
import { writeZip } from '../electron/core/bundle/writer';
import { canonicalJson } from '../electron/core/util/canonical-json';
import { demoIssuerKey } from '../electron/core/demo/demo-key';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'hostile');
// Only what this script writes: other scripts keep their cases in subfolders (issuer-scope/).
mkdirSync(OUT, { recursive: true });
for (const name of readdirSync(OUT))
  if (name.endsWith('.zip') || name === 'expectations.json' || name === 'accepted')
    rmSync(join(OUT, name), { recursive: true, force: true });
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
/** Deterministic text that does not compress (so it is not mistaken for a zip bomb). */
function incompressible(length: number): string {
  const parts: string[] = [];
  let h = 'seed';
  for (let n = 0; n < length; n += 64) parts.push((h = sha(h)));
  return parts.join('').slice(0, length);
}

interface Expect {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly options?: { allowUnsigned?: boolean; acceptSigner?: boolean };
  readonly about: string;
}
const expectations: Record<string, Expect> = {};

/**
 * Bundles that are hostile but valid: they must import, and then be shown and exported safely
 * (odd evidence files, control and bidi characters). Kept in accepted/ with what a user must see.
 */
interface Accepted {
  readonly about: string;
  /** For each evidence file: what its exhibit page must show. */
  readonly exhibits?: Record<string, { picture: boolean; says: string }>;
  /** Names that carry control or bidi characters. */
  readonly hostileNames?: readonly string[];
}
const ACCEPTED = join(OUT, 'accepted');
mkdirSync(ACCEPTED, { recursive: true });
const acceptedExpectations: Record<string, Accepted> = {};

const ENT = (rows: unknown[]) =>
  Buffer.from(rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
const goodEntities = [
  { id: 'seller:h1', type: 'seller', props: { name: 'Hostile Test Seller 1' } },
  { id: 'shop:h1', type: 'shop', props: { name: 'Hostile Test Shop 1' } },
];
const goodLinks = [{ type: 'operates', from: 'seller:h1', to: 'shop:h1' }];

interface Parts {
  entities?: Buffer;
  links?: Buffer;
  extra?: {
    name: string;
    data: Buffer;
    mode?: number;
    role?: 'entities' | 'links' | 'evidence';
    declare?: boolean;
    present?: boolean;
    mediaType?: string;
  }[];
  manifest?: (m: Record<string, unknown>) => Record<string, unknown>;
  rawManifest?: Buffer;
  /** Bytes put before the manifest (a BOM, say). */
  manifestPrefix?: Buffer;
  omitManifest?: boolean;
  signature?: 'valid' | 'bad' | 'untrusted' | 'none';
  entitiesName?: string;
  entitiesMedia?: string;
  counts?: { entities: number; links: number; evidence: number };
}

const untrusted = createPrivateKey({
  key: Buffer.from('302e020100300506032b657004220420' + sha('an untrusted key'), 'hex'),
  format: 'der',
  type: 'pkcs8',
});

async function bundle(
  name: string,
  parts: Parts,
  expect: Expect,
  accepted?: Accepted,
): Promise<string> {
  const entities = parts.entities ?? ENT(goodEntities);
  const links = parts.links ?? ENT(goodLinks);
  const entitiesName = parts.entitiesName ?? 'entities/entities-0001.jsonl';
  const files = [
    {
      path: entitiesName,
      sha256: sha(entities),
      size: entities.length,
      mediaType: parts.entitiesMedia ?? 'application/jsonl',
      role: 'entities',
    },
    {
      path: 'links/links-0001.jsonl',
      sha256: sha(links),
      size: links.length,
      mediaType: 'application/jsonl',
      role: 'links',
    },
    ...(parts.extra ?? [])
      .filter((e) => e.declare !== false)
      .map((e) => ({
        path: e.name,
        sha256: sha(e.data),
        size: e.data.length,
        mediaType: e.mediaType ?? 'application/octet-stream',
        role: e.role ?? 'evidence',
      })),
  ];
  const key = parts.signature === 'untrusted' ? untrusted : demoIssuerKey().privateKey;
  const signer =
    parts.signature === 'none'
      ? {}
      : { signer: { algorithm: 'Ed25519', publicKeyPem: demoPublic(key) } };
  let manifest: Record<string, unknown> = {
    format: 'ringlens.lead-bundle',
    version: 1,
    bundleId: `hostile-${name}`,
    issuer: { name: 'Hostile corpus' },
    ...signer,
    createdAt: '2025-01-01T00:00:00Z',
    description: expect.about,
    defaultRegion: 'CN',
    counts: parts.counts ?? {
      entities: entities
        .toString()
        .split('\n')
        .filter((l) => l.trim()).length,
      links: links
        .toString()
        .split('\n')
        .filter((l) => l.trim()).length,
      evidence: (parts.extra ?? []).filter(
        (e) => (e.role ?? 'evidence') === 'evidence' && e.declare !== false,
      ).length,
    },
    files,
  };
  if (parts.manifest) manifest = parts.manifest(manifest);
  const manifestBytes = Buffer.concat([
    parts.manifestPrefix ?? Buffer.alloc(0),
    parts.rawManifest ??
      Buffer.from(`${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`),
  ]);
  const entries: { name: string; data: Buffer; mode?: number }[] = [];
  if (!parts.omitManifest) entries.push({ name: 'manifest.json', data: manifestBytes });
  if (parts.signature !== 'none') {
    let sig = sign(null, manifestBytes, key);
    if (parts.signature === 'bad') sig = Buffer.from(sig.map((b, i) => (i === 0 ? b ^ 1 : b)));
    entries.push({ name: 'manifest.sig', data: Buffer.from(`${sig.toString('base64')}\n`) });
  }
  entries.push(
    { name: entitiesName, data: entities },
    { name: 'links/links-0001.jsonl', data: links },
  );
  for (const e of parts.extra ?? [])
    if (e.present !== false)
      entries.push({ name: e.name, data: e.data, ...(e.mode !== undefined && { mode: e.mode }) });
  const file = join(accepted ? ACCEPTED : OUT, `${name}.zip`);
  await writeZip(file, entries);
  if (accepted) acceptedExpectations[`${name}.zip`] = accepted;
  else expectations[`${name}.zip`] = expect;
  return file;
}

function demoPublic(key: ReturnType<typeof createPrivateKey>): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

function renameInZip(file: string, from: string, to: string): void {
  const bytes = readFileSync(file);
  const a = Buffer.from(from);
  let at = bytes.indexOf(a);
  while (at >= 0) {
    Buffer.from(to).copy(bytes, at);
    at = bytes.indexOf(a, at + a.length);
  }
  writeFileSync(file, bytes);
}

// --- the container ---
renameInZip(
  await bundle(
    'path-traversal',
    { extra: [{ name: 'xx/evil.txt', data: Buffer.from('x') }] },
    { code: 'BUNDLE_INVALID', message: 'path traversal', about: 'an entry named ../evil.txt' },
  ),
  'xx/evil.txt',
  '../evil.txt',
);
renameInZip(
  await bundle(
    'absolute-path',
    { extra: [{ name: 'xetc/evil', data: Buffer.from('x') }] },
    { code: 'BUNDLE_INVALID', message: 'absolute path', about: 'an entry named /etc/evil' },
  ),
  'xetc/evil',
  '/etc/evil',
);
renameInZip(
  await bundle(
    'drive-letter-path',
    { extra: [{ name: 'Cx/evil.txt', data: Buffer.from('x') }] },
    { code: 'BUNDLE_INVALID', message: 'absolute path', about: 'an entry named C:/evil.txt' },
  ),
  'Cx/evil.txt',
  'C:/evil.txt',
);
renameInZip(
  await bundle(
    'backslash-path',
    { extra: [{ name: 'a_evil.txt', data: Buffer.from('x') }] },
    { code: 'BUNDLE_INVALID', message: 'backslashes', about: 'an entry named a\\evil.txt' },
  ),
  'a_evil.txt',
  'a\\evil.txt',
);
await bundle(
  'symlink-entry',
  { extra: [{ name: 'evidence/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }] },
  {
    code: 'BUNDLE_INVALID',
    message: 'symbolic link',
    about: 'an entry that is a symbolic link to /etc/passwd',
  },
);
await bundle(
  'zip-bomb-ratio',
  { extra: [{ name: 'evidence/zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) }] },
  {
    code: 'BUNDLE_INVALID',
    message: 'zip bomb',
    about: '64 MiB of zeros that compress about 1000x',
  },
);
renameInZip(
  await bundle(
    'duplicate-entry',
    {
      extra: [
        { name: 'evidence/dupA.png', data: Buffer.from('one') },
        { name: 'evidence/dupB.png', data: Buffer.from('two') },
      ],
    },
    { code: 'BUNDLE_INVALID', message: 'appears twice', about: 'two entries with the same name' },
  ),
  'evidence/dupB.png',
  'evidence/dupA.png',
);
{
  const f = await bundle(
    'truncated-zip',
    {},
    { code: 'BUNDLE_INVALID', message: 'not a readable zip', about: 'a bundle cut off half-way' },
  );
  const b = readFileSync(f);
  writeFileSync(f, b.subarray(0, Math.floor(b.length / 2)));
}
writeFileSync(
  join(OUT, 'not-a-zip.zip'),
  Buffer.from('PK this is not a zip file at all, just text pretending'),
);
expectations['not-a-zip.zip'] = {
  code: 'BUNDLE_INVALID',
  message: 'not a readable zip',
  about: 'text with a .zip name',
};

// --- the manifest ---
await bundle(
  'no-manifest',
  { omitManifest: true, signature: 'none' },
  {
    code: 'BUNDLE_INVALID',
    message: 'no manifest.json',
    about: 'tables without a manifest',
    options: { allowUnsigned: true },
  },
);
await bundle(
  'manifest-not-json',
  { rawManifest: Buffer.from('{"format": "ringlens.lead-bundle", '), signature: 'none' },
  {
    code: 'BUNDLE_INVALID',
    message: 'not valid JSON',
    file: 'manifest.json',
    about: 'a manifest cut off mid-object',
    options: { allowUnsigned: true },
  },
);
await bundle(
  'unknown-version',
  { manifest: (m) => ({ ...m, version: 2 }) },
  {
    code: 'BUNDLE_INVALID',
    message: 'version 2 is not supported',
    field: 'version',
    about: 'a bundle of a future format version',
  },
);
await bundle(
  'wrong-format-id',
  { manifest: (m) => ({ ...m, format: 'someone-elses.bundle' }) },
  {
    code: 'BUNDLE_INVALID',
    message: 'Invalid input',
    field: 'format',
    about: 'another format entirely',
  },
);
await bundle(
  'wrong-hash',
  {
    manifest: (m) => ({
      ...m,
      files: (m.files as { sha256: string }[]).map((f, i) =>
        i === 0 ? { ...f, sha256: sha('something else') } : f,
      ),
    }),
  },
  {
    code: 'BUNDLE_INVALID',
    message: 'does not match its SHA-256',
    file: 'entities/entities-0001.jsonl',
    about: 'a table whose bytes differ from its declared hash',
  },
);
await bundle(
  'wrong-size',
  {
    manifest: (m) => ({
      ...m,
      files: (m.files as { size: number }[]).map((f, i) =>
        i === 0 ? { ...f, size: f.size + 1 } : f,
      ),
    }),
  },
  {
    code: 'BUNDLE_INVALID',
    message: 'the manifest declares',
    field: 'size',
    about: 'a table whose size differs from its declared size',
  },
);
await bundle(
  'missing-file',
  { extra: [{ name: 'evidence/missing.png', data: Buffer.from('x'), present: false }] },
  {
    code: 'BUNDLE_INVALID',
    message: 'missing from the bundle',
    about: 'a declared evidence file that is not there',
  },
);
await bundle(
  'undeclared-file',
  { extra: [{ name: 'evidence/surprise.png', data: Buffer.from('x'), declare: false }] },
  {
    code: 'BUNDLE_INVALID',
    message: 'not declared in manifest.json',
    file: 'evidence/surprise.png',
    about: 'a file the manifest does not list',
  },
);
await bundle(
  'counts-mismatch',
  { counts: { entities: 5, links: 1, evidence: 0 } },
  {
    code: 'BUNDLE_INVALID',
    message: 'the manifest counts 5 entities',
    field: 'counts.entities',
    about: 'counts that do not match the rows',
  },
);

// --- signatures ---
await bundle(
  'bad-signature',
  { signature: 'bad' },
  {
    code: 'BUNDLE_BAD_SIGNATURE',
    message: 'signature does not match',
    file: 'manifest.sig',
    about: 'a signature with one bit flipped',
  },
);
await bundle(
  'untrusted-signer',
  { signature: 'untrusted' },
  {
    code: 'BUNDLE_UNTRUSTED_SIGNER',
    message: 'does not trust',
    file: 'manifest.sig',
    about: 'a valid signature by a key the case does not trust',
  },
);
await bundle(
  'unsigned',
  { signature: 'none' },
  { code: 'BUNDLE_UNSIGNED', message: 'not signed', about: 'no signature and no override' },
);

// --- rows ---
const T = 'entities/entities-0001.jsonl';
await bundle(
  'malformed-json-row',
  { entities: ENT([goodEntities[0], '{"id": "shop:h1", "type": "shop", "props": {']) },
  {
    code: 'ROW_INVALID',
    message: 'not valid JSON',
    file: T,
    line: 2,
    about: 'a row cut off mid-object',
  },
);
await bundle(
  'malformed-csv',
  {
    entitiesName: 'entities/entities-0001.csv',
    entitiesMedia: 'text/csv',
    entities: Buffer.from('id,type,name\nseller:h1,seller,"unterminated\nshop:h1,shop,x\n'),
  },
  {
    code: 'ROW_INVALID',
    message: 'not valid CSV',
    file: 'entities/entities-0001.csv',
    about: 'an unterminated quoted CSV field',
  },
);
await bundle(
  'csv-bad-header',
  {
    entitiesName: 'entities/entities-0001.csv',
    entitiesMedia: 'text/csv',
    entities: Buffer.from('name,id,type\nx,seller:h1,seller\n'),
    counts: { entities: 1, links: 1, evidence: 0 },
  },
  {
    code: 'ROW_INVALID',
    message: 'header must start with id,type',
    file: 'entities/entities-0001.csv',
    line: 1,
    about: 'a CSV table without the documented header',
  },
);
await bundle(
  'invalid-utf8',
  {
    entities: Buffer.concat([
      ENT([goodEntities[0]]),
      Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'not valid UTF-8',
    file: T,
    line: 2,
    about: 'bytes that are not UTF-8',
  },
);
await bundle(
  'nul-byte',
  {
    entities: ENT([goodEntities[0], `{"id":"shop:h1","type":"shop","props":{"name":"a\\u0000b"}}`]),
  },
  {
    code: 'ROW_INVALID',
    message: 'NUL',
    file: T,
    line: 2,
    field: 'props.name',
    about: 'a NUL character inside a name',
  },
);
await bundle(
  'ten-megabyte-field',
  {
    entities: ENT([
      goodEntities[0],
      JSON.stringify({
        id: 'shop:h1',
        type: 'shop',
        props: { notes: incompressible(10 * 1024 * 1024) },
      }),
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'longer than 1048576 bytes',
    file: T,
    line: 2,
    about: 'a 10 MB field in one row',
  },
);
await bundle(
  'deep-nesting',
  {
    entities: ENT([
      goodEntities[0],
      `{"id":"shop:h1","type":"shop","props":{"name":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'nested',
    file: T,
    line: 2,
    about: '5,000 levels of nested arrays',
  },
);
await bundle(
  'unknown-reference',
  { links: ENT([{ type: 'operates', from: 'seller:h1', to: 'shop:nowhere' }]) },
  {
    code: 'ROW_INVALID',
    message: 'neither in this bundle nor in the case',
    file: 'links/links-0001.jsonl',
    line: 1,
    field: 'to',
    about: 'a link to an id nobody declared',
  },
);
await bundle(
  'one-id-two-types',
  {
    entities: ENT([
      ...goodEntities,
      { id: 'seller:h1', type: 'shop', props: { name: 'same id, other type' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'already names a seller',
    file: T,
    line: 3,
    field: 'type',
    about: 'one id used for a seller and a shop',
  },
);
await bundle(
  'link-to-itself',
  { links: ENT([{ type: 'related', from: 'seller:h1', to: 'seller:h1' }]) },
  {
    code: 'ROW_INVALID',
    message: 'to itself',
    file: 'links/links-0001.jsonl',
    line: 1,
    about: 'a link from an entity to itself',
  },
);
await bundle(
  'date-out-of-range',
  {
    entities: ENT([
      goodEntities[0],
      { id: 'shop:h1', type: 'shop', props: { openedAt: '1850-01-01' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'between 1990 and 2100',
    file: T,
    line: 2,
    field: 'props.openedAt',
    about: 'a shop opened in 1850',
  },
);
await bundle(
  'impossible-date',
  {
    entities: ENT([
      goodEntities[0],
      { id: 'shop:h1', type: 'shop', props: { openedAt: '2025-02-30' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'real date',
    file: T,
    line: 2,
    field: 'props.openedAt',
    about: 'the 30th of February',
  },
);
await bundle(
  'unknown-field',
  { entities: ENT([goodEntities[0], { id: 'shop:h1', type: 'shop', props: { nmae: 'typo' } }]) },
  {
    code: 'ROW_INVALID',
    message: 'unknown field "nmae"',
    file: T,
    line: 2,
    field: 'props',
    about: 'a misspelt property',
  },
);
await bundle(
  'unknown-entity-type',
  { entities: ENT([goodEntities[0], { id: 'shop:h1', type: 'spaceship', props: {} }]) },
  {
    code: 'ROW_INVALID',
    message: 'Invalid option',
    file: T,
    line: 2,
    field: 'type',
    about: 'an entity type the format does not have',
  },
);
await bundle(
  'link-type-mismatch',
  { links: ENT([{ type: 'infringes', from: 'seller:h1', to: 'shop:h1' }]) },
  {
    code: 'ROW_INVALID',
    message: 'cannot go from a seller to a shop',
    file: 'links/links-0001.jsonl',
    line: 1,
    field: 'type',
    about: 'an infringes link between a seller and a shop',
  },
);
{
  const png = Buffer.from('not really a png');
  await bundle(
    'evidence-hash-mismatch',
    {
      entities: ENT([
        ...goodEntities,
        {
          id: 'evidence:e1',
          type: 'evidence',
          props: { file: 'evidence/e1.png', sha256: sha('other bytes'), mediaType: 'image/png' },
        },
      ]),
      extra: [{ name: 'evidence/e1.png', data: png, mediaType: 'image/png' }],
    },
    {
      code: 'ROW_INVALID',
      message: 'differs from the manifest',
      file: T,
      line: 3,
      field: 'props.sha256',
      about: 'an evidence row whose hash is not the file’s',
    },
  );
}

// Issue 16: the internal identity-key form (kind|value) is reserved; a row id using it
// would squat on every later import of that identifier.
await bundle(
  'identity-key-squat-id',
  {
    entities: ENT([
      ...goodEntities,
      { id: 'phone|+8613912345678', type: 'phone', props: { number: '+8613912345678' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'reserved for identity keys',
    file: T,
    line: 3,
    field: 'id',
    about: 'a row id in the internal identity-key form phone|+86…',
  },
);
await bundle(
  'identity-key-squat-link',
  { links: ENT([{ type: 'operates', from: 'seller:h1', to: 'shop|h1' }]) },
  {
    code: 'ROW_INVALID',
    message: 'reserved for identity keys',
    file: 'links/links-0001.jsonl',
    line: 1,
    field: 'to',
    about: 'a link end naming an internal identity key',
  },
);

// --- issue 16, fault 13: the spec and the reader agree ---
/** CRC-32 (IEEE), for the hand-built zips below. */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
interface RawEntry {
  /** Name in the central directory. */
  name: string;
  data: Buffer;
  /** Name in the local header, when it should differ. */
  localName?: string;
  /** false: a local entry the central directory does not list. */
  listed?: boolean;
  /** Where the central directory says the local header is (default: where it was written). */
  offset?: number;
  /** Compressed size the central directory claims (default: the data's length). */
  size?: number;
}
function localHeader(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(crc32(data), 14);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(data.length, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n, data]);
}
/** A stored (uncompressed) zip built byte by byte, so its two tables can be made to disagree. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  let listed = 0;
  for (const e of entries) {
    const local = localHeader(e.localName ?? e.name, e.data);
    locals.push(local);
    if (e.listed !== false) {
      const n = Buffer.from(e.name);
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(0x031e, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt32LE(crc32(e.data), 16);
      c.writeUInt32LE(e.size ?? e.data.length, 20);
      c.writeUInt32LE(e.size ?? e.data.length, 24);
      c.writeUInt16LE(n.length, 28);
      c.writeUInt32LE(((e.name.endsWith('/') ? 0o40755 : 0o100644) << 16) >>> 0, 38);
      c.writeUInt32LE(e.offset ?? at, 42);
      central.push(c, n);
      listed++;
    }
    at += local.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...locals, cd, end]);
}
function rawCase(name: string, zip: Buffer, expect: Expect): void {
  writeFileSync(join(OUT, `${name}.zip`), zip);
  expectations[`${name}.zip`] = expect;
}
const M = Buffer.from('{}\n');
for (const [name, dir, message] of [
  ['directory-traversal', '../../x/', 'path traversal'],
  ['directory-absolute', '/abs/', 'absolute path'],
  ['directory-drive-letter', 'C:/dir/', 'absolute path'],
] as const)
  rawCase(
    name,
    rawZip([
      { name: dir, data: Buffer.alloc(0) },
      { name: 'manifest.json', data: M },
    ]),
    { code: 'BUNDLE_INVALID', message, about: `an explicit directory entry named ${dir}` },
  );
rawCase(
  'hidden-local-entry',
  rawZip([
    { name: 'manifest.json', data: M },
    { name: 'evidence/hidden.png', data: Buffer.from('seen by some readers only'), listed: false },
  ]),
  {
    code: 'BUNDLE_INVALID',
    message: 'that its central directory does not list',
    about: 'a local entry the central directory does not list',
  },
);
rawCase(
  'local-name-mismatch',
  rawZip([
    { name: 'manifest.json', data: M },
    { name: 'evidence/a.png', localName: 'evidence/b.png', data: Buffer.from('x') },
  ]),
  {
    code: 'BUNDLE_INVALID',
    message: 'two tables of contents disagree',
    about: 'a local header name that differs from the central directory',
  },
);
{
  // Entry B's local header and data lie inside entry A's data: the overlapping-entry zip bomb
  // (Fifield 2019), in which one block of data is counted by many entries.
  const inner = localHeader('evidence/b.bin', Buffer.from('shared bytes'));
  const outerData = Buffer.concat([Buffer.from('head '), inner]);
  const outer = localHeader('evidence/a.bin', outerData);
  const zip = rawZip([
    { name: 'evidence/a.bin', data: outerData },
    {
      name: 'evidence/b.bin',
      data: Buffer.from('shared bytes'),
      listed: true,
      offset: outer.length - inner.length,
    },
  ]);
  // Drop the second local copy the builder wrote: only the overlapping one is meant to exist.
  const cdAt = zip.readUInt32LE(zip.length - 6);
  const trimmed = Buffer.concat([zip.subarray(0, outer.length), zip.subarray(cdAt)]);
  trimmed.writeUInt32LE(outer.length, trimmed.length - 6);
  rawCase('overlapping-entries', trimmed, {
    code: 'BUNDLE_INVALID',
    message: 'overlap (a zip bomb?)',
    about: 'two entries whose data overlap',
  });
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
await bundle(
  'bom-jsonl',
  { entities: Buffer.concat([BOM, ENT(goodEntities)]) },
  {
    code: 'ROW_INVALID',
    message: 'byte-order mark',
    file: T,
    line: 1,
    about: 'an entity table that starts with a UTF-8 BOM',
  },
);
await bundle(
  'bom-csv',
  {
    entitiesName: 'entities/entities-0001.csv',
    entitiesMedia: 'text/csv',
    entities: Buffer.concat([
      BOM,
      Buffer.from('id,type,name\nseller:h1,seller,A\nshop:h1,shop,B\n'),
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'byte-order mark',
    file: 'entities/entities-0001.csv',
    line: 1,
    about: 'a CSV table that starts with a UTF-8 BOM',
  },
);
await bundle(
  'bom-manifest',
  { manifestPrefix: BOM },
  {
    code: 'BUNDLE_INVALID',
    message: 'manifest.json starts with a byte-order mark',
    about: 'a manifest.json that starts with a UTF-8 BOM',
  },
);
await bundle(
  'proto-key-props',
  {
    entities: ENT([
      goodEntities[0],
      '{"id":"shop:h1","type":"shop","props":{"name":"Shop","__proto__":{"notes":"hidden"}}}',
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: '"__proto__"',
    file: T,
    line: 2,
    field: 'props.__proto__',
    about: 'a __proto__ key among an entity’s props',
  },
);
await bundle(
  'proto-key-extra',
  {
    links: ENT([
      '{"type":"operates","from":"seller:h1","to":"shop:h1","props":{"extra":{"__proto__":["x"]}}}',
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: '"__proto__"',
    file: 'links/links-0001.jsonl',
    line: 1,
    field: 'props.extra.__proto__',
    about: 'a __proto__ key in a link’s extra properties',
  },
);
await bundle(
  'proto-key-csv-column',
  {
    entitiesName: 'entities/entities-0001.csv',
    entitiesMedia: 'text/csv',
    entities: Buffer.from('id,type,name,__proto__\nseller:h1,seller,A,x\nshop:h1,shop,B,y\n'),
  },
  {
    code: 'ROW_INVALID',
    message: '"__proto__"',
    file: 'entities/entities-0001.csv',
    line: 1,
    about: 'a CSV column named __proto__',
  },
);
for (const [name, value] of [
  ['csv-hex-number', '0x10'],
  ['csv-binary-number', '0b101'],
] as const)
  await bundle(
    name,
    {
      entitiesName: 'entities/entities-0001.csv',
      entitiesMedia: 'text/csv',
      entities: Buffer.from(
        `id,type,name,price:number\nseller:h1,seller,A,\nshop:h1,shop,B,\nlisting:h1,listing,C,${value}\n`,
      ),
      links: ENT([{ type: 'operates', from: 'seller:h1', to: 'shop:h1' }]),
    },
    {
      code: 'ROW_INVALID',
      message: `"${value}" is not a number`,
      file: 'entities/entities-0001.csv',
      line: 4,
      field: 'price',
      about: `a CSV number written ${value}`,
    },
  );
await bundle(
  'duplicate-id',
  {
    entities: ENT([
      ...goodEntities,
      { id: 'seller:h1', type: 'seller', props: { name: 'Another name' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: `id "seller:h1" is already defined at ${T} line 1`,
    file: T,
    line: 3,
    field: 'id',
    about: 'one id defined twice in one bundle',
  },
);
await bundle(
  'nfc-nfd-id',
  {
    entities: ENT([
      ...goodEntities,
      { id: 'seller:caf\u00e9', type: 'seller', props: { name: 'NFC' } },
      { id: 'seller:cafe\u0301', type: 'seller', props: { name: 'NFD' } },
    ]),
  },
  {
    code: 'ROW_INVALID',
    message: 'is already defined',
    file: T,
    line: 4,
    field: 'id',
    about: 'the NFC and NFD forms of one id (café) in one bundle',
  },
);

// --- issue 16, faults 4, 5 and 10: hostile but valid bundles (accepted/) ---
/** A small ring: two sellers sharing a phone, each with a shop. */
function ringWith(extraEntities: unknown[], extraLinks: unknown[], names?: [string, string]) {
  return {
    entities: ENT([
      { id: 'seller:r1', type: 'seller', props: { name: names?.[0] ?? 'Ring Seller One' } },
      { id: 'seller:r2', type: 'seller', props: { name: names?.[1] ?? 'Ring Seller Two' } },
      { id: 'shop:r1', type: 'shop', props: { name: 'Ring Shop One' } },
      { id: 'shop:r2', type: 'shop', props: { name: 'Ring Shop Two' } },
      { id: 'phone:r1', type: 'phone', props: { number: '+8613900001111' } },
      ...extraEntities,
    ]),
    links: ENT([
      { type: 'operates', from: 'seller:r1', to: 'shop:r1' },
      { type: 'operates', from: 'seller:r2', to: 'shop:r2' },
      { type: 'uses', from: 'seller:r1', to: 'phone:r1' },
      { type: 'uses', from: 'seller:r2', to: 'phone:r1' },
      ...extraLinks,
    ]),
  };
}
{
  const MEDIA = join(import.meta.dirname, '..', 'test', 'fixtures', 'media');
  const png = readFileSync(join(MEDIA, 'photo.png'));
  const jpeg = readFileSync(join(MEDIA, 'photo.jpg'));
  const files = [
    {
      name: 'evidence/trailing.png',
      data: Buffer.concat([png, Buffer.from('camera maker notes after IEND\u0000\u0001\u0002')]),
      mediaType: 'image/png',
      picture: true,
      says: 'bytes after the end of its image',
      description: 'Test-buy photo with bytes after IEND',
    },
    {
      name: 'evidence/page.png',
      data: Buffer.from(
        '<!doctype html><html><body><img src=x onerror="alert(1)">not a picture</body></html>\n',
      ),
      mediaType: 'image/png',
      picture: false,
      says: 'declared as image/png, but its bytes are an HTML document',
      description: 'Listing screenshot that is really an HTML page',
    },
    {
      name: 'evidence/cut.jpg',
      data: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      mediaType: 'image/jpeg',
      picture: false,
      says: 'truncated',
      description: 'Parcel photo cut off in transfer',
    },
    {
      name: 'evidence/good.jpg',
      data: jpeg,
      mediaType: 'image/jpeg',
      picture: true,
      says: 'test buy 17',
      description: 'Parcel photo, intact',
    },
  ];
  const ring = ringWith(
    files.map((f, i) => ({
      id: `evidence:m${i}`,
      type: 'evidence',
      props: {
        file: f.name,
        sha256: sha(f.data),
        mediaType: f.mediaType,
        description: f.description,
        capturedAt: '2025-01-02',
        capturedBy: 'Field Officer',
      },
    })),
    files.map((_, i) => ({ type: 'evidences', from: `evidence:m${i}`, to: 'shop:r1' })),
  );
  await bundle(
    'odd-evidence-files',
    {
      ...ring,
      extra: files.map((f) => ({ name: f.name, data: f.data, mediaType: f.mediaType })),
    },
    { code: '', message: '', about: '' },
    {
      about:
        'a ring whose evidence holds a PNG with bytes after IEND, HTML declared as PNG, a truncated JPEG and a good JPEG',
      exhibits: Object.fromEntries(
        files.map((f) => [f.name, { picture: f.picture, says: f.says }]),
      ),
    },
  );
}
{
  const names: [string, string] = [
    // ESC sequences that would clear the screen, retitle the terminal (OSC) and draw a link.
    '\u001b[2J\u001b]0;pwned\u0007Seller \u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\',
    // U+202E RIGHT-TO-LEFT OVERRIDE: "‮gnp.exe" reads as "exe.png"; C1 and XML-forbidden characters.
    'Shop \u202egnp.exe \u0085\u0001\u000b\ufffe\uffff',
  ];
  await bundle(
    'control-characters',
    ringWith([], [], names),
    { code: '', message: '', about: '' },
    {
      about:
        'seller names with terminal escape sequences, bidi overrides and XML-forbidden characters',
      hostileNames: names,
    },
  );
}
writeFileSync(
  join(ACCEPTED, 'expectations.json'),
  `${JSON.stringify(acceptedExpectations, null, 2)}\n`,
);

writeFileSync(join(OUT, 'expectations.json'), `${JSON.stringify(expectations, null, 2)}\n`);
console.log(`wrote ${Object.keys(expectations).length} hostile bundles to ${OUT}`);

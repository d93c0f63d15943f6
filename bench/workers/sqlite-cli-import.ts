// The ceiling: Debian's sqlite3 CLI `.import` of the same rows as a four-column CSV, with an
// index; the fastest of CEILING_RUNS runs (harness.ts), each into a fresh file.
// Args: bundle csvPath dbPath [keep-csv] (keep-csv leaves the CSV for sqlcipher-import.ts)
import { spawnSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import yauzl from 'yauzl';
import { CEILING_RUNS } from '../harness';

const [bundle, csvPath, dbPath, keep] = process.argv.slice(2) as [string, string, string, string?];

const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
async function writeCsv(): Promise<number> {
  const out = createWriteStream(csvPath);
  let rows = 0;
  const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
    yauzl.open(bundle, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!/^(entities|links)\/.*\.jsonl$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        void (async () => {
          let rest = '';
          for await (const chunk of stream) {
            const lines = (rest + (chunk as Buffer).toString('utf8')).split('\n');
            rest = lines.pop()!;
            for (const line of lines) {
              if (!line) continue;
              const o = JSON.parse(line) as {
                id?: string;
                type: string;
                from?: string;
                to?: string;
                props?: unknown;
              };
              const cols = o.id
                ? [o.id, o.type, '', JSON.stringify(o.props ?? {})]
                : [o.from!, o.type, o.to!, JSON.stringify(o.props ?? {})];
              if (!out.write(`${cols.map(q).join(',')}\n`)) await once(out, 'drain');
              rows++;
            }
          }
          zip.readEntry();
        })().catch(reject);
      });
    });
    zip.on('end', () => resolve());
    zip.readEntry();
  });
  out.end();
  await once(out, 'close');
  return rows;
}

const rows = await writeCsv();
const script = `CREATE TABLE rows (id TEXT, type TEXT, ref TEXT, props TEXT);\nCREATE INDEX rows_id ON rows (id);\n.mode csv\n.import ${csvPath} rows\n`;
function oneRun(): number {
  rmSync(dbPath, { force: true });
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [dbPath], { input: script, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  rmSync(dbPath, { force: true });
  return seconds;
}
const runs = Array.from({ length: CEILING_RUNS }, oneRun);
if (keep !== 'keep-csv') rmSync(csvPath, { force: true });
console.log(JSON.stringify({ rows, seconds: Math.min(...runs), runs, maxRssMiB: 0 }));

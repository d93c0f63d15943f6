/**
 * Which module defines each `ringlens` command, and the one-line summary `ringlens --help`
 * prints for it. The CLI loads a command's module only when that command runs: each module
 * pulls in its part of the engine (PDF fonts and pdfmake, geodata, graph libraries), and
 * loading them all made `ringlens --help` take seconds. The summaries are checked against the
 * modules by test/unit/cli/command-index.test.ts, so they cannot drift apart.
 */
import type { Command } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

type Loader = () => Promise<CommandModule>;

const init: Loader = () => import('./commands/init');
const importCmd: Loader = () => import('./commands/import');
const info: Loader = () => import('./commands/info');
const keys: Loader = () => import('./commands/keys');
const verify: Loader = () => import('./commands/verify');
const generate: Loader = () => import('./commands/generate');
const passphrase: Loader = () => import('./commands/passphrase');
const rings: Loader = () => import('./commands/rings');
const exportCmd: Loader = () => import('./commands/export');
const lifecycle: Loader = () => import('./commands/lifecycle');
const matches: Loader = () => import('./commands/matches');
const matter: Loader = () => import('./commands/matter');
const audit: Loader = () => import('./commands/audit');

/** Every command in the order `--help` lists them. */
export const COMMANDS: readonly { name: string; summary: string; load: Loader }[] = [
  { name: 'init', summary: 'create a new, empty, encrypted case file', load: init },
  {
    name: 'import',
    summary:
      'verify a lead bundle (or a FollowTheMoney stream, recognised by its content) and import it into a case, all or nothing',
    load: importCmd,
  },
  {
    name: 'info',
    summary: 'what a case holds: counts by type, bundles with their signers, the audit head',
    load: info,
  },
  { name: 'keys', summary: "manage the case's trusted bundle issuers", load: keys },
  {
    name: 'verify',
    summary:
      "verify an evidence packet (hashes, signature, structure), or recompute a case's audit chain",
    load: verify,
  },
  {
    name: 'audit',
    summary:
      "anchor a case's audit chain outside it: write a signed head receipt to removable media",
    load: audit,
  },
  {
    name: 'generate',
    summary:
      'write a deterministic synthetic lead bundle (planted rings, honest hubs, test buys, complaints) and its ground truth',
    load: generate,
  },
  {
    name: 'passphrase',
    summary: "change a case's passphrase (re-encrypts into a new file; all data is kept)",
    load: passphrase,
  },
  { name: 'rings', summary: 'find, score and rank the rings of a case', load: rings },
  {
    name: 'ring',
    summary:
      'one ring: members, shared identifiers with their sources, leaders, timeline, analysis record',
    load: rings,
  },
  {
    name: 'hub',
    summary:
      'mark one identifier as a hub (never ties accounts) or not a hub (never suppressed by the numbers); audited',
    load: rings,
  },
  {
    name: 'path',
    summary: 'how two entities are connected: shortest path, or the k shortest',
    load: rings,
  },
  {
    name: 'complainants',
    summary:
      'complainant dossiers: unfounded complaints, gravity, intent; suspected fraudulent complainants first',
    load: rings,
  },
  {
    name: 'hotspots',
    summary: 'counterfeit evidence by shipping-origin region and product category',
    load: rings,
  },
  {
    name: 'export',
    summary:
      'write a court-ready evidence packet (PDF, exhibits, data, signed manifest, SHA256SUMS, VERIFY.txt)',
    load: exportCmd,
  },
  {
    name: 'matter',
    summary:
      "show or set the matter of a case's packets: title, Bates prefix, paper size and the examiner who certifies them",
    load: matter,
  },
  {
    name: 'status',
    summary:
      'the lifecycle of rings and leads: list them all, show one with its history, or move one to a new status',
    load: lifecycle,
  },
  {
    name: 'outcomes',
    summary: 'outcomes of the case: list them, import or export them as CSV, withdraw one',
    load: lifecycle,
  },
  {
    name: 'funnel',
    summary:
      'the funnel: leads to referrals, prosecutions and sentences, with arrests, closures, seizures, suits and platform actions',
    load: lifecycle,
  },
  {
    name: 'matches',
    summary:
      'candidate identity matches (near-identical identifiers), clustered, scored and explained',
    load: matches,
  },
  {
    name: 'match',
    summary:
      'confirm or reject a candidate match, with a reason (audited; a rejected pair is never proposed again)',
    load: matches,
  },
];

// `npm test`: every check and every test, in the order a failure is cheapest to find: lint
// (with the architecture's layer rules), the format check, both type-check projects, unit and
// integration tests (plain Node, the real encrypted store), end-to-end tests (a real Chromium;
// Electron where it exists), and last a check that no test left files in the temp directory.
// Ends with one summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

mkdirSync('test-results', { recursive: true });
// Tests get a temp directory of their own, so what they leave behind is theirs alone (not a
// browser's or another program's running beside them) and can be checked exactly.
const testTmp = mkdtempSync(join(tmpdir(), 'rl-test-run-'));
const env = { ...process.env, TMPDIR: testTmp, TMP: testTmp, TEMP: testTmp };

const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'type-check (node, web, test)', cmd: ['npx', 'tsc', '-b', 'tsconfig.json'] },
  {
    name: 'unit and integration',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    report: 'test-results/unit.json',
  },
  {
    name: 'end-to-end',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
    report: 'test-results/e2e.json',
  },
];
let status = 0;
for (const step of steps) {
  console.log(`\n> ${step.name}: ${step.cmd.join(' ')}`);
  if (step.report) rmSync(step.report, { force: true });
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  if (step.report && existsSync(step.report)) {
    const json = JSON.parse(readFileSync(step.report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } else if (r.status === 0) {
    totals.passed += 1;
  }
  if (r.status !== 0) {
    status = r.status ?? 1;
    if (!step.report) totals.failed += 1;
    break;
  }
}

console.log('\n> temp directory: nothing named ringlens-* may be left behind');
const leftovers = readdirSync(testTmp).filter((name) => name.startsWith('ringlens-'));
if (leftovers.length > 0) {
  console.log(`${leftovers.length} left in the temp directory by the tests:`);
  for (const name of leftovers.slice(0, 50)) console.log(`  ${name}`);
  console.log('make each test create its folders with tempDir() from test/support/temp.ts');
  totals.failed += 1;
  if (status === 0) status = 1;
} else if (status === 0) {
  totals.passed += 1;
}
rmSync(testTmp, { recursive: true, force: true, maxRetries: 3 });

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);

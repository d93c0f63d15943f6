// The architecture's layer rules, checked the way a contributor meets them: a file in one
// layer importing from another fails with the rule's name, and the allowed imports pass.
import { Linter } from 'eslint';
import type { Linter as LinterTypes } from 'eslint';
import tseslint from 'typescript-eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import layers from '../../../eslint/layers.js';

const ROOT = join(import.meta.dirname, '../../..');
const linter = new Linter({ configType: 'flat' });
const config: LinterTypes.Config[] = [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { layers },
    rules: Object.fromEntries(
      Object.keys(layers.rules).map((r): [string, LinterTypes.RuleEntry] => [
        `layers/${r}`,
        'error',
      ]),
    ),
  },
];

/** The rule ids that fire when `file` (repository-relative) contains `source`. */
function violations(file: string, source: string): string[] {
  return linter
    .verify(source, config, { filename: join(ROOT, file) })
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    ['shared/api/x.ts', "import { open } from '../../electron/core/store/open';", 'layers/shared'],
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", 'layers/shared'],
    ['shared/x.ts', "import React from 'react';", 'layers/shared'],
    [
      'renderer/views/X.tsx',
      "import { analyse } from '../../electron/core/graph/analyse';",
      'layers/renderer',
    ],
    ['renderer/app/X.tsx', "import { join } from 'node:path';", 'layers/renderer'],
    ['renderer/app/X.tsx', "import { join } from 'path';", 'layers/renderer'],
    ['renderer/app/X.tsx', "const fs = await import('node:fs');", 'layers/renderer'],
    ['electron/core/graph/x.ts', "import { app } from 'electron';", 'layers/core'],
    ['electron/core/api/x.ts', "import { main } from '../../cli/main';", 'layers/core'],
    ['electron/core/x.ts', "export * from '../../renderer/app/App';", 'layers/core'],
    [
      'electron/preload/index.ts',
      "import { analyse } from '../core/graph/analyse';",
      'layers/preload',
    ],
    [
      'electron/preload/index.ts',
      "import type { X } from '../../shared/domain/entity-types';",
      'layers/preload',
    ],
    [
      'electron/cli/commands/x.ts',
      "import { loadLinkGraph } from '../../core/graph/link-graph';",
      'layers/shells',
    ],
    ['electron/web/server.ts', "import { BrowserWindow } from 'electron';", 'layers/shells'],
    ['electron/main/index.ts', "import { run } from '../cli/main';", 'layers/shells'],
  ])('%s: %s fails with %s', (file, source, rule) => {
    const found = violations(file, source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${rule}: ${rule}: `));
  });

  it.each([
    [
      'shared/api/contract.ts',
      "import { z } from 'zod';\nimport { X } from '../domain/entity-types';",
    ],
    [
      'renderer/views/X.tsx',
      "import { useState } from 'react';\nimport type { Api } from '../../shared/api/contract';",
    ],
    [
      'electron/core/store/x.ts',
      "import { readFileSync } from 'node:fs';\nimport { X } from '../../../shared/errors';",
    ],
    [
      'electron/preload/index.ts',
      "import { contextBridge } from 'electron';\nimport { METHODS } from '../../shared/api/contract';",
    ],
    [
      'electron/cli/commands/x.ts',
      "import { openCase } from '../../core/store/open';\nimport { x } from '../output';",
    ],
    [
      'electron/main/index.ts',
      "import { app } from 'electron';\nimport { Session } from '../core/api/session';",
    ],
    [
      'test/unit/x.test.ts',
      "import { loadLinkGraph } from '../../electron/core/graph/link-graph';",
    ],
  ])('%s may write %s', (file, source) => {
    expect(violations(file, source)).toEqual([]);
  });
});

// The architecture's layers as lint rules. Each rule names one boundary, so a violation reads
// as the rule it breaks ("layers/renderer: renderer/ imports only renderer/ and shared/ ...").
//
// Why our own rules rather than eslint-plugin-boundaries: the boundaries are five lines of
// policy over folders, and resolving a specifier against the importing file's folder is all
// they need. The plugin's v7 policies need an import resolver for extension-less TypeScript
// imports and bring a selector language we would only use a sliver of; these rules have no
// resolver, cannot silently stop matching, and are tested (test/unit/eslint/layers.test.ts).
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_BUILTINS = new Set(builtinModules);

/** The core's public entry points: the only modules of `electron/core/` the shells may import. */
export const CORE_PUBLIC_ENTRY_POINTS = [
  'api/case-file-handlers',
  'api/file-grants',
  'api/handlers',
  'api/operations',
  'api/session',
  'audit/log',
  'audit/verify-case',
  'audit/witness',
  'bundle/import',
  'demo/build-demo-case',
  'evidence/packet',
  'evidence/verify',
  'evidence/matter',
  'generate/generator',
  'generate/write-generated',
  'graph/analyse',
  'identity/matches',
  'graph/complainants',
  'graph/explain',
  'graph/hotspots',
  'graph/path-query',
  'graph/timeline',
  'interop/csv-mapping',
  'interop/export',
  'interop/ftm',
  'interop/saved-mappings',
  'keys/fingerprint',
  'keys/trusted-keys',
  'lifecycle/funnel',
  'lifecycle/lifecycle',
  'lifecycle/outcomes',
  'lifecycle/outcomes-csv',
  'store/case-info',
  'store/open',
  'store/passphrase-strength',
  'store/rekey',
  'util/canonical-json',
  'util/csv-cell',
  'util/durable-file',
  'util/terminal-text',
  'util/leftovers',
];

/** Repository-relative path with forward slashes, or null outside the repository. */
function repoPath(absolute) {
  const rel = relative(ROOT, absolute);
  if (rel.startsWith('..')) return null;
  return rel.split(sep).join('/');
}

function layerOf(path) {
  if (path.startsWith('shared/')) return 'shared';
  if (path.startsWith('renderer/')) return 'renderer';
  for (const area of ['core', 'main', 'preload', 'web', 'cli']) {
    if (path.startsWith(`electron/${area}/`)) return area;
  }
  return 'other';
}

/** What an import specifier points at, seen from the importing file. */
function classify(specifier, fromFile) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const path = repoPath(resolve(dirname(fromFile), specifier));
    return { kind: 'file', path: path ?? specifier, layer: path ? layerOf(path) : 'other' };
  }
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(bare.split('/')[0])) {
    return { kind: 'node', path: specifier };
  }
  const pkg = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : specifier.split('/')[0];
  return { kind: 'package', path: specifier, pkg };
}

const stripExtension = (p) => p.replace(/\.(ts|tsx|js|mjs|cjs)$/, '').replace(/\/index$/, '');

/**
 * One boundary: `applies(layer)` selects the importing files, `check(target)` returns a
 * reason when the import crosses the boundary.
 */
const BOUNDARIES = {
  shared: {
    description:
      'shared/ imports nothing from electron/ or renderer/, and no Node, Electron or UI library',
    applies: (layer) => layer === 'shared',
    check(t) {
      if (t.kind === 'file' && t.layer !== 'shared' && t.layer !== 'other')
        return `'${t.path}' is in ${t.layer}`;
      if (t.kind === 'file' && t.layer === 'other') return `'${t.path}' is outside shared/`;
      if (t.kind === 'node') return `'${t.path}' is a Node module`;
      if (
        t.kind === 'package' &&
        [
          'electron',
          'react',
          'react-dom',
          'cytoscape',
          'pdfmake',
          'better-sqlite3-multiple-ciphers',
        ].includes(t.pkg)
      )
        return `'${t.pkg}' belongs to a runtime, not to shared/`;
      return null;
    },
  },
  renderer: {
    description:
      'renderer/ imports only renderer/ and shared/ (never node: modules, Electron or the engine)',
    applies: (layer) => layer === 'renderer',
    check(t) {
      if (t.kind === 'file' && t.layer !== 'renderer' && t.layer !== 'shared')
        return `'${t.path}' is outside renderer/ and shared/`;
      if (t.kind === 'node') return `'${t.path}' is a Node module`;
      if (
        t.kind === 'package' &&
        (t.pkg === 'electron' || t.pkg === 'better-sqlite3-multiple-ciphers')
      )
        return `'${t.pkg}' is not available to the renderer`;
      return null;
    },
  },
  core: {
    description:
      'electron/core/ never imports electron, electron/main, preload, web, cli or renderer/',
    applies: (layer) => layer === 'core',
    check(t) {
      if (t.kind === 'package' && t.pkg === 'electron')
        return `'electron' would tie the engine to the desktop shell`;
      if (t.kind === 'file' && ['main', 'preload', 'web', 'cli', 'renderer'].includes(t.layer))
        return `'${t.path}' is in ${t.layer}`;
      return null;
    },
  },
  preload: {
    description:
      'electron/preload/ imports only the API contract (shared/api/contract) and electron',
    applies: (layer) => layer === 'preload',
    check(t) {
      if (t.kind === 'package' && t.pkg === 'electron') return null;
      if (
        t.kind === 'file' &&
        (t.layer === 'preload' || stripExtension(t.path) === 'shared/api/contract')
      )
        return null;
      return `'${t.path}' is not the API contract`;
    },
  },
  shells: {
    description: `the shells (electron/main, web, cli) import the core only through its public entry points (${CORE_PUBLIC_ENTRY_POINTS.length} modules listed in eslint/layers.js)`,
    applies: (layer) => layer === 'main' || layer === 'web' || layer === 'cli',
    check(t, fromLayer) {
      if (t.kind === 'file' && t.layer === 'renderer') return `'${t.path}' is the renderer`;
      if (
        t.kind === 'file' &&
        ['main', 'preload', 'web', 'cli'].includes(t.layer) &&
        t.layer !== fromLayer
      )
        return `'${t.path}' is another shell`;
      if (t.kind === 'package' && t.pkg === 'electron' && fromLayer !== 'main')
        return `'electron' is only for electron/main (the ${fromLayer} shell runs under plain Node)`;
      if (t.kind === 'file' && t.layer === 'core') {
        const entry = stripExtension(t.path).slice('electron/core/'.length);
        if (!CORE_PUBLIC_ENTRY_POINTS.includes(entry))
          return `'${t.path}' is not one of the core's public entry points`;
      }
      return null;
    },
  },
};

function makeRule(name, boundary) {
  return {
    meta: {
      type: 'problem',
      docs: { description: boundary.description },
      schema: [],
      messages: { crossed: `layers/${name}: ${boundary.description}; {{reason}}.` },
    },
    create(context) {
      const file = repoPath(context.filename);
      if (!file) return {};
      const fromLayer = layerOf(file);
      if (!boundary.applies(fromLayer)) return {};
      const report = (node, specifier) => {
        if (typeof specifier !== 'string') return;
        const reason = boundary.check(classify(specifier, context.filename), fromLayer);
        if (reason) context.report({ node, messageId: 'crossed', data: { reason } });
      };
      const fromSource = (node) => node.source && report(node.source, node.source.value);
      return {
        ImportDeclaration: fromSource,
        ExportNamedDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        ImportExpression: (node) =>
          node.source.type === 'Literal' && report(node.source, node.source.value),
        TSImportType: (node) => {
          const literal = node.argument?.literal ?? node.argument;
          if (literal?.type === 'Literal') report(node, literal.value);
        },
        CallExpression(node) {
          if (
            node.callee.type === 'Identifier' &&
            node.callee.name === 'require' &&
            node.arguments[0]?.type === 'Literal'
          )
            report(node.arguments[0], node.arguments[0].value);
        },
      };
    },
  };
}

export default {
  meta: { name: 'ringlens-layers' },
  rules: Object.fromEntries(
    Object.entries(BOUNDARIES).map(([name, b]) => [name, makeRule(name, b)]),
  ),
};

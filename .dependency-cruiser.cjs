/* global module, process */
/**
 * Module boundaries (issue #12 point 3), checked by `npm run lint:deps` and the lint tier of
 * `npm test`. Dependency direction: web → (generated API types only); src/server (composition
 * root) → src/modules → src/shared (the kernel) → src/db, packages. See ARCHITECTURE.md.
 *
 * Two passes: this file checks files against files; the module-level cycle rule needs a graph of
 * module folders only, so `lint:deps` runs it a second time with `--include-only '^src/modules/'`
 * (see MODULES_ONLY below).
 */

/** Known exception, the last module cycle: records ↔ documents. Records prints certificates
 * through the documents' PDF pool, and the PDF worker's renderer (documents/pdf-render.ts, the
 * worker's own composition root) draws the certificate. Remove it, and the pathNot lines below,
 * once the worker's renderer moves to a composition root of its own. (The volunteer cycle
 * {volunteers, demo, records, orders, activities} is gone: volunteers no longer imports demo.) */
const KNOWN_CYCLE = '^src/modules/(records|documents)$';

const MODULES_ONLY = process.argv.some((a) => a.includes('--include-only'));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: MODULES_ONLY
    ? [
        {
          name: 'no-module-cycles',
          comment:
            'Modules depend on each other in one direction only (ARCHITECTURE.md, "Dependency direction").',
          severity: 'error',
          scope: 'folder',
          from: { path: '^src/modules/[^/]+$', pathNot: KNOWN_CYCLE },
          to: { path: '^src/modules/[^/]+$', circular: true },
        },
        {
          name: 'no-module-cycles-beyond-the-known-one',
          comment:
            'The known volunteer cycle may not grow: its modules may only cycle among themselves.',
          severity: 'error',
          scope: 'folder',
          from: { path: KNOWN_CYCLE },
          to: {
            path: '^src/modules/[^/]+$',
            pathNot: KNOWN_CYCLE,
            circular: true,
          },
        },
      ]
    : [
        {
          name: 'kernel-imports-no-module',
          comment: 'src/shared is the kernel: it imports no module, no server code, no CLI.',
          severity: 'error',
          from: { path: '^src/shared/' },
          to: { path: '^src/(modules|server|cli)/' },
        },
        {
          name: 'modules-import-server-types-only',
          comment: 'Modules may use the server’s types (request decorations), never its code.',
          severity: 'error',
          from: { path: '^src/modules/' },
          to: { path: '^src/server/', dependencyTypesNot: ['type-only'] },
        },
        {
          name: 'server-core-imports-no-module',
          comment:
            'Only the composition root (app.ts, bootstrap.ts, problem-tables.ts, capabilities.ts) and the auth hook wire modules in.',
          severity: 'error',
          from: {
            path: '^src/server/',
            pathNot:
              '^src/server/(app|bootstrap|problem-tables|capabilities|auth\\.plugin)\\.ts$|\\.test\\.ts$',
          },
          to: { path: '^src/modules/', dependencyTypesNot: ['type-only'] },
        },
        {
          name: 'web-imports-no-server-source',
          comment:
            'The web knows the server through the API (and its generated types) only. Tests may read the server’s lists to check the web’s copies.',
          severity: 'error',
          from: { path: '^web/src/', pathNot: '\\.test\\.tsx?$' },
          to: { path: '^src/' },
        },
      ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

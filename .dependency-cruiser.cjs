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
          from: { path: '^src/modules/[^/]+$' },
          to: { path: '^src/modules/[^/]+$', circular: true },
        },
      ]
    : [
        {
          name: 'kernel-imports-no-module',
          comment: 'src/shared is the kernel: it imports no module, no server code, no CLI.',
          severity: 'error',
          from: { path: '^src/shared/' },
          to: { path: '^src/(modules|server|cli|workers)/' },
        },
        {
          name: 'migrations-import-no-code-that-changes',
          comment:
            'A migration is frozen in time: it must produce today what it produced then, so it imports no module, kernel or server code (copy what it needs next to it, as 0013_case_requests.replay.ts does).',
          severity: 'error',
          from: { path: '^src/db/migrations/' },
          to: { path: '^src/(modules|shared|server|cli|workers)/' },
        },
        {
          name: 'modules-import-no-worker-root',
          comment:
            'src/workers holds the worker threads’ composition roots (the PDF renderer knows every module that draws a paper); modules print through their pool, never import a worker.',
          severity: 'error',
          from: { path: '^src/modules/' },
          to: { path: '^src/workers/' },
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

/** Moved to the kernel (src/shared/idempotency-commit.ts); this re-export stays until every importer uses the kernel. */
export * from '../shared/idempotency-commit.ts';

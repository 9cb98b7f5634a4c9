/** Moved to the kernel (src/shared/pii-crypto.ts); this re-export stays until every importer uses the kernel. */
export * from '../../shared/pii-crypto.ts';

/** Moved to the kernel (src/shared/roles.ts); this re-export stays until every importer uses the kernel. */
export * from '../../shared/roles.ts';

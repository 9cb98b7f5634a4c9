/** Moved to the kernel (src/shared/region-code.ts); this re-export stays until every importer uses the kernel. */
export * from '../../shared/region-code.ts';

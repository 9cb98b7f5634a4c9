/** Moved to the kernel (src/shared/file-reply.ts); this re-export stays until every importer uses the kernel. */
export * from '../shared/file-reply.ts';

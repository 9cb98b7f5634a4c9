/** Moved to the kernel (src/shared/actor.ts); this re-export stays until every importer uses the kernel. */
export * from '../../shared/actor.ts';

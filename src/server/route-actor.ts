/** Moved to the kernel (src/shared/route-actor.ts); this re-export stays until every importer uses the kernel. */
export * from '../shared/route-actor.ts';

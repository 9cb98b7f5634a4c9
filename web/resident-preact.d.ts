/*
 * Type-checking the light entry against Preact (web/tsconfig.resident.json), whose sources are
 * written to React's API: React spells the attribute `spellCheck`, Preact's types only know
 * `spellcheck`. Preact sets an unknown camel-case prop as an attribute, which HTML lower-cases,
 * so the string form works in both renderers (a boolean `false` would not: see Field.tsx).
 */
import 'preact';

declare module 'preact' {
  interface HTMLAttributes {
    spellCheck?: 'true' | 'false';
  }
}

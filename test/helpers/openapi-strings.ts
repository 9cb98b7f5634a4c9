/** Walks the OpenAPI document's JSON request bodies and lists every string property they accept. */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  [key: string]: unknown;
}

export interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
}

export interface StringField {
  method: string;
  path: string;
  /** Property names from the body's root; `[]` stands for "an element of the array". */
  field: string[];
  schema: JsonSchema;
  /** Index of the anyOf/oneOf branch the field was found in at the root, when the body is a union. */
  branch: number | null;
  /** Fixed values (a union's discriminator) on the objects along the way: path → value. */
  consts: [string[], unknown][];
}

type Found = Omit<StringField, 'method' | 'path' | 'branch'>;

function fixedValue(p: JsonSchema): { value: unknown } | null {
  if (p.const !== undefined) return { value: p.const };
  if (p.enum && p.enum.length === 1) return { value: p.enum[0] };
  return null;
}

function isString(s: JsonSchema): boolean {
  return s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));
}

function walk(s: JsonSchema, field: string[], consts: Found['consts'], out: Found[]): void {
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    walk(alt, field, consts, out);
  if (isString(s)) out.push({ field, schema: s, consts });
  if (s.items) walk(s.items, [...field, '[]'], consts, out);
  const props = Object.entries(s.properties ?? {});
  const here: Found['consts'] = [...consts];
  for (const [name, p] of props) {
    const fixed = fixedValue(p);
    if (fixed) here.push([[...field, name], fixed.value]);
  }
  for (const [name, p] of props) walk(p, [...field, name], here, out);
}

/** Every string property of every JSON request body. */
export function requestStringFields(doc: OpenApiDoc): StringField[] {
  const out: StringField[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const roots = schema.anyOf ?? schema.oneOf;
      const branches = roots ? roots.map((b, i) => [b, i] as const) : [[schema, null] as const];
      for (const [root, branch] of branches) {
        const found: Found[] = [];
        walk(root, [], [], found);
        for (const f of found) out.push({ method: method.toUpperCase(), path, branch, ...f });
      }
    }
  }
  return out;
}

/** A value fixed by the schema: an enum, a constant, a format or a pattern. */
export function isStructured(s: JsonSchema): boolean {
  return (
    s.enum !== undefined ||
    s.const !== undefined ||
    s.format !== undefined ||
    s.pattern !== undefined
  );
}

/** Puts `value` at `field` (creating objects and one-element arrays on the way). */
export function setAt(target: Record<string, unknown>, field: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  for (const [i, key] of field.entries()) {
    const last = i === field.length - 1;
    const next = field[i + 1];
    const make = () => (last ? value : next === '[]' ? [] : {});
    if (Array.isArray(node)) {
      if (node.length === 0 || last) node[0] = make();
      node = node[0] as Record<string, unknown> | unknown[];
    } else {
      if (last || typeof node[key] !== 'object' || node[key] === null) node[key] = make();
      node = node[key] as Record<string, unknown> | unknown[];
    }
  }
}

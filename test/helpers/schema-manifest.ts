/**
 * The column manifest of the hand-written row types (src/db/schema.ts and src/db/schema/*.ts),
 * read with the TypeScript compiler: for each table of `Database`, each column's type family and
 * whether it may be null. The families follow the names the row types use: `Timestamp`,
 * `JsonText`, `Buffer`, otherwise the TypeScript type (string-like → text, number → int).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type ColumnFamily = 'text' | 'int' | 'real' | 'bool' | 'json' | 'timestamp' | 'binary';

export interface ManifestColumn {
  family: ColumnFamily;
  nullable: boolean;
}

export interface ManifestTable {
  /** The row type's interface and the file that declares it, for the failure message. */
  interfaceName: string;
  file: string;
  columns: Map<string, ManifestColumn>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMA_ENTRY = path.join(ROOT, 'src/db/schema.ts');

/** Names that carry a family the TypeScript type alone does not (both are `string`). */
const NAMED_FAMILIES: Record<string, ColumnFamily> = {
  Timestamp: 'timestamp',
  JsonText: 'json',
  Buffer: 'binary',
};

export function readSchemaManifest(entry = SCHEMA_ENTRY): Map<string, ManifestTable> {
  const program = ts.createProgram([entry], {
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`schema entry not found: ${entry}`);
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  );
  if (!database) throw new Error(`no \`interface Database\` in ${entry}`);

  const tables = new Map<string, ManifestTable>();
  for (const tableProp of checker.getTypeAtLocation(database).getProperties()) {
    const tableType = checker.getTypeOfSymbol(tableProp);
    const decl = tableType.getSymbol()?.declarations?.[0];
    if (!decl || !ts.isInterfaceDeclaration(decl))
      throw new Error(`Database.${tableProp.name} is not an interface`);
    const columns = new Map<string, ManifestColumn>();
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const where = `${tableProp.name}.${member.name.getText()}`;
      columns.set(member.name.getText(), {
        ...classify(checker, member.type, where),
        // an optional property may be absent from a row: the column must accept null
        ...(member.questionToken ? { nullable: true } : {}),
      });
    }
    tables.set(tableProp.name, {
      interfaceName: decl.name.text,
      file: path.relative(ROOT, decl.getSourceFile().fileName),
      columns,
    });
  }
  return tables;
}

function classify(checker: ts.TypeChecker, node: ts.TypeNode, where: string): ManifestColumn {
  const members = ts.isUnionTypeNode(node) ? node.types : [node];
  let nullable = false;
  const families = new Set<ColumnFamily>();
  for (const m of members) {
    if (ts.isLiteralTypeNode(m) && m.literal.kind === ts.SyntaxKind.NullKeyword) {
      nullable = true;
      continue;
    }
    if (ts.isTypeReferenceNode(m)) {
      const name = m.typeName.getText();
      if (name === 'Generated' && m.typeArguments?.[0]) {
        const inner = classify(checker, m.typeArguments[0], where);
        nullable ||= inner.nullable;
        families.add(inner.family);
        continue;
      }
      const named = NAMED_FAMILIES[name];
      if (named) {
        families.add(named);
        continue;
      }
    }
    const type = checker.getTypeFromTypeNode(m);
    for (const t of type.isUnion() ? type.types : [type]) {
      if (t.flags & ts.TypeFlags.Null) nullable = true;
      else if (t.flags & ts.TypeFlags.StringLike) families.add('text');
      else if (t.flags & ts.TypeFlags.NumberLike) families.add('int');
      else if (t.flags & ts.TypeFlags.BooleanLike) families.add('bool');
      else
        throw new Error(
          `${where}: cannot tell the column family of \`${checker.typeToString(t)}\``,
        );
    }
  }
  if (families.size !== 1)
    throw new Error(
      `${where}: one column family expected, found ${[...families].join(', ') || 'none'}`,
    );
  return { family: [...families][0]!, nullable };
}

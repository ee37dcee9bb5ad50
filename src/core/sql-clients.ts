/**
 * Evidence that an expression is a database client of a given library (for the Kysely and raw SQL layers): where a
 * binding comes from — an import from the library, a constructor or factory of it, a module of the project that
 * makes one, a callback parameter the library passes a client to, a type annotation naming its client type. When
 * the evidence is out of reach the answer is no: these layers never decide by a variable's name alone.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, memberName, unwrap, type Node } from './ast.js';
import { moduleMatches, resolveImport } from './modules.js';

export interface ImportInfo {
  source: string;
  /** `default`, `*` (namespace) or the imported name. */
  imported: string;
}

/** The import an identifier is bound to, if it is an import binding. */
export function importOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): ImportInfo | null {
  const def = findVariable(sourceCode, id)?.defs[0];
  if (def?.type !== 'ImportBinding') return null;
  const source = (def.parent as TSESTree.ImportDeclaration).source.value;
  const node = def.node;
  if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
  if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
  if (node.type === AST_NODE_TYPES.ImportSpecifier) {
    return { source, imported: node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value };
  }
  return null;
}

/** Package imports only: the project's own modules are looked at with `moduleMakes`. */
export function isPackageImport(source: string): boolean {
  return !source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~/') && !source.startsWith('#');
}

/**
 * Does the project module `source` (imported from `fromFile`) make a client: its text imports `library` and matches
 * `construct` (`new Kysely`, `postgres(`)? Cached per file version by `moduleMatches`.
 */
export function moduleMakes(source: string, fromFile: string, library: RegExp, construct: RegExp): boolean {
  const file = resolveImport(source, fromFile);
  return file !== null && moduleMatches(file, library) === true && moduleMatches(file, construct) === true;
}

/** `from 'pg'` or `require('pg')` for this package name (exact). */
export function importsPackage(names: readonly string[]): RegExp {
  const alternatives = names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)['"](?:${alternatives})['"]`);
}

/** The declarator that binds a variable once (`const`, or a `let` never reassigned), when the identifier has one. */
export function declaratorOf(id: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.VariableDeclarator | null {
  const variable = findVariable(sourceCode, id);
  if (!variable || variable.defs.length !== 1 || variable.defs[0].type !== 'Variable') return null;
  const declarator = variable.defs[0].node as TSESTree.VariableDeclarator;
  if (!declarator.init) return null;
  const declaration = declarator.parent as TSESTree.VariableDeclaration;
  if (declaration.kind !== 'const' && variable.references.some((r) => r.isWrite() && !r.init)) return null;
  return declarator;
}

/** The name of a type annotation's reference: `Kysely<DB>` → `Kysely`, `pg.PoolClient` → `PoolClient`. */
export function annotationTypeName(node: Node): string | null {
  let annotation = (node as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
  if (!annotation) return null;
  if (annotation.type === AST_NODE_TYPES.TSUnionType) annotation = annotation.types.find((t) => t.type === AST_NODE_TYPES.TSTypeReference) ?? annotation;
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const name = annotation.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return name.name;
  if (name.type === AST_NODE_TYPES.TSQualifiedName) return name.right.name;
  return null;
}

/** The root identifier of a type annotation (`pg` of `pg.PoolClient`, `Kysely` of `Kysely<DB>`), for its import. */
export function annotationRoot(node: Node): TSESTree.Identifier | null {
  let annotation = (node as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
  if (!annotation) return null;
  if (annotation.type === AST_NODE_TYPES.TSUnionType) annotation = annotation.types.find((t) => t.type === AST_NODE_TYPES.TSTypeReference) ?? annotation;
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return null;
  let name: TSESTree.EntityName = annotation.typeName;
  while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.left;
  return name.type === AST_NODE_TYPES.Identifier ? name : null;
}

/** Is the type annotation's name imported from one of these packages (`import type { Kysely } from 'kysely'`)? */
export function annotationFrom(param: Node, names: ReadonlySet<string>, packages: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const name = annotationTypeName(param);
  const root = annotationRoot(param);
  if (!name || !root || !names.has(name)) return false;
  const info = importOf(root, sourceCode);
  // A type with the library's own name and no import in view (a global, a re-export) is still taken as it.
  return info === null ? false : packages.includes(info.source) || !isPackageImport(info.source);
}

/** The callback parameter `param` belongs to: `x.method(async (param) => …)`, with the call. */
export function callbackCall(param: Node): { call: TSESTree.CallExpression; method: string | null } | null {
  const fn = param.parent;
  if (!fn || (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)) return null;
  if (!fn.params.includes(param as TSESTree.Parameter)) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as Node[]).includes(fn)) return null;
  const callee = unwrap(call.callee);
  return { call, method: callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null };
}

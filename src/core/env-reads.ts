/**
 * Reads of environment variables in code (`process.env.X`, `process.env['X']`, `const { X } = process.env`,
 * `import.meta.env.X`) and the module directives (`'use client'`, `'use server'`) that decide whether a module's
 * code runs in the browser. Shared by the secret rules.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { memberName, propertyKeyName, unwrap, type Node } from './ast.js';

export interface EnvRead {
  /** `STRIPE_SECRET_KEY`. */
  name: string;
  /** The node naming the variable (`.STRIPE_SECRET_KEY`, `['STRIPE_SECRET_KEY']`, the destructured key). */
  nameNode: TSESTree.Node;
  /** The whole read (`process.env.X`), or the destructuring property. */
  node: TSESTree.Node;
  /** Written `process.env.X` (dot), with a computed literal key, or by destructuring: the rename fix differs. */
  style: 'dot' | 'computed' | 'destructured' | 'shorthand';
  via: 'process.env' | 'import.meta.env';
}

/** Is `node` `process.env` or `import.meta.env`? */
export function envObjectOf(node: Node): EnvRead['via'] | null {
  const n = unwrap(node);
  if (n.type !== AST_NODE_TYPES.MemberExpression || memberName(n) !== 'env') return null;
  const object = unwrap(n.object);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'process') return 'process.env';
  if (object.type === AST_NODE_TYPES.MetaProperty && object.meta.name === 'import' && object.property.name === 'meta') return 'import.meta.env';
  return null;
}

/** `process.env.X` / `process.env['X']` / `import.meta.env.X` → the read; anything else → null. */
export function envMemberRead(node: TSESTree.MemberExpression): EnvRead | null {
  const via = envObjectOf(node.object);
  if (!via) return null;
  const name = memberName(node);
  if (!name) return null;
  return { name, nameNode: node.property, node, style: node.computed ? 'computed' : 'dot', via };
}

/** `const { X, Y: y } = process.env` → one read per destructured key (rest elements are not reads of a name). */
export function envDestructuredReads(pattern: TSESTree.ObjectPattern, init: Node): EnvRead[] {
  const via = envObjectOf(init);
  if (!via) return [];
  const reads: EnvRead[] = [];
  for (const prop of pattern.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyKeyName(prop);
    if (!name) continue;
    reads.push({ name, nameNode: prop.key, node: prop, style: prop.shorthand ? 'shorthand' : 'destructured', via });
  }
  return reads;
}

/** Every env read an expression is, after following nothing: `process.env.X`, `process.env.X ?? ''`, `` `${process.env.X}` ``. */
export function envReadsIn(node: Node): EnvRead[] {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const read = envMemberRead(n);
    return read ? [read] : [];
  }
  if (n.type === AST_NODE_TYPES.LogicalExpression || n.type === AST_NODE_TYPES.BinaryExpression) {
    return [...(n.left.type === AST_NODE_TYPES.PrivateIdentifier ? [] : envReadsIn(n.left)), ...envReadsIn(n.right)];
  }
  if (n.type === AST_NODE_TYPES.ConditionalExpression) return [...envReadsIn(n.consequent), ...envReadsIn(n.alternate)];
  if (n.type === AST_NODE_TYPES.TemplateLiteral) return n.expressions.flatMap((e) => envReadsIn(e));
  if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.Identifier && n.callee.name === 'String') {
    return n.arguments.flatMap((a) => (a.type === AST_NODE_TYPES.SpreadElement ? [] : envReadsIn(a)));
  }
  return [];
}

export type ModuleDirective = 'use client' | 'use server';

/** The `'use client'` / `'use server'` directive a program starts with, if any. */
export function programDirective(program: TSESTree.Program): ModuleDirective | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') break;
    if (statement.directive === 'use client' || statement.directive === 'use server') return statement.directive;
  }
  return null;
}

/** The same from a module's text, without parsing it: directives come first, after comments. */
const TEXT_DIRECTIVE = /^(?:\uFEFF)?(?:\s+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|(['"])use strict\1;?)*(['"])use (client|server)\2/;

export function textDirective(text: string): ModuleDirective | null {
  const m = TEXT_DIRECTIVE.exec(text.slice(0, 4096));
  return m ? (`use ${m[3]}` as ModuleDirective) : null;
}

/** `import 'server-only'` anywhere at the top level of a module's text. */
export const IMPORTS_SERVER_ONLY = /(?:^|[\n;])\s*import\s*['"]server-only['"]|require\(\s*['"]server-only['"]\s*\)/;

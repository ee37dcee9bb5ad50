/** Text edits shared by the rules' suggestions. Kept apart from `src/core/`, which knows nothing of ESLint fixers. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, unwrap } from './core/ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Adds `text` (e.g. `accountId: session.accountId`) as the first property of an object literal. */
export function addFirstProperty(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): TSESLint.RuleFix {
  const open = sourceCode.getFirstToken(object)!;
  if (object.properties.length === 0) return fixer.replaceText(object, `{ ${text} }`);
  const next = sourceCode.getTokenAfter(open)!;
  const sameLine = next.loc.start.line === open.loc.end.line;
  if (sameLine) return fixer.insertTextAfter(open, ` ${text},`);
  const indent = ' '.repeat(next.loc.start.column);
  return fixer.insertTextBefore(next, `${text},\n${indent}`);
}

/**
 * Puts `field: value` into the `where` of a Prisma call's arguments: into the where literal, around a where held in a
 * variable (`where: { ...where, field: value }`), as a new `where`, or as the first argument of `findMany()`.
 */
export function addToWhere(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  field: string,
  value: string,
): TSESLint.RuleFix | null {
  const entry = field === value ? field : `${field}: ${value}`;
  const arg = call.arguments[0];
  if (!arg) {
    const close = sourceCode.getLastToken(call)!;
    return fixer.insertTextBefore(close, `{ where: { ${entry} } }`);
  }
  const args = unwrap(arg);
  if (args.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const whereProp = args.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'where') as
    | TSESTree.Property
    | undefined;
  if (!whereProp) return addFirstProperty(fixer, sourceCode, args, `where: { ${entry} }`);
  const where = unwrap(whereProp.value);
  if (where.type === AST_NODE_TYPES.ObjectExpression) {
    // A key of that name is already there (`accountId: { not: x }`): what to put instead is the author's call.
    if (where.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === field)) return null;
    return addFirstProperty(fixer, sourceCode, where, entry);
  }
  const text = sourceCode.getText(whereProp.value);
  return fixer.replaceText(whereProp, `where: { ...${text}, ${entry} }`);
}

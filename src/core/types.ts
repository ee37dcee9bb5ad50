/**
 * Type information, when the user's ESLint config provides it (`parserOptions.projectService`). Every question
 * returns `null` without it, and callers fall back to the syntactic answer: rules never require types.
 */
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import type { Node } from './ast.js';

export interface TypeHelper {
  /** true/false when the checker knows whether the value's type admits `undefined`; null when it cannot tell. */
  mayBeUndefined: (node: Node) => boolean | null;
  /**
   * The names the value's type goes by (its symbol and alias, and those of the types it is an intersection of:
   * `NodePgDatabase<typeof schema> & { $client: Pool }`); null without type information or for `any`.
   */
  typeNames: (node: Node) => string[] | null;
}

const NONE: TypeHelper = { mayBeUndefined: () => null, typeNames: () => null };

export function createTypeHelper(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeHelper {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return NONE;
  return {
    mayBeUndefined(node) {
      let type: ts.Type;
      try {
        type = services.getTypeAtLocation(node as TSESTree.Node);
      } catch {
        return null;
      }
      const flags = type.getFlags();
      if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
      const parts = type.isUnion() ? type.types : [type];
      return parts.some((t) => (t.getFlags() & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0);
    },
    typeNames(node) {
      let type: ts.Type;
      try {
        type = services.getTypeAtLocation(node as TSESTree.Node);
      } catch {
        return null;
      }
      if (type.getFlags() & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
      const names: string[] = [];
      for (const part of type.isIntersection() || type.isUnion() ? type.types : [type]) {
        const symbol = part.aliasSymbol ?? part.getSymbol();
        if (symbol) names.push(symbol.getName());
        const target = (part as ts.TypeReference).target?.getSymbol?.();
        if (target) names.push(target.getName());
      }
      return names;
    },
  };
}

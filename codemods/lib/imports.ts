/** Adding an import the way the file already writes them: into an existing import of the module, or as a new line. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TextEdit } from './edits.js';
import { quoteStyle, usesSemicolons } from './source.js';

type SourceCode = TSESLint.SourceCode;

export type ImportPlan =
  | { status: 'present' }
  | { status: 'add'; edit: TextEdit }
  /** The name is bound to something else at module level (a local function, an import from another module). */
  | { status: 'conflict'; binding: string };

function moduleScope(sourceCode: SourceCode): TSESLint.Scope.Scope {
  const global = sourceCode.scopeManager!.globalScope!;
  return global.childScopes.find((s) => s.type === 'module') ?? global;
}

/** The module-level binding `name` has, if any: `import { name } from 'x'` gives `{ from: 'x' }`. */
export function moduleBinding(sourceCode: SourceCode, name: string): { from: string | null } | null {
  const variable = moduleScope(sourceCode).set.get(name);
  const def = variable?.defs[0];
  if (!def) return null;
  if (def.type === 'ImportBinding') return { from: (def.parent as TSESTree.ImportDeclaration).source.value };
  return { from: null };
}

/**
 * `import { name } from 'from'` (or `import name from 'from'` when `isDefault`), unless `name` is imported from
 * there already. `acceptOther`: a binding of that name from elsewhere counts as present (the user named the function).
 */
export function planImport(sourceCode: SourceCode, name: string, from: string, isDefault: boolean, acceptOther: boolean): ImportPlan {
  const binding = moduleBinding(sourceCode, name);
  if (binding) {
    if (binding.from === from || acceptOther) return { status: 'present' };
    return { status: 'conflict', binding: binding.from ? `imported from '${binding.from}'` : 'declared in this file' };
  }
  const body = sourceCode.ast.body;
  const imports = body.filter((s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration);
  const quote = quoteStyle(sourceCode);
  const semi = usesSemicolons(sourceCode) ? ';' : '';
  if (!isDefault) {
    const same = imports.find(
      (d) =>
        d.source.value === from &&
        d.importKind !== 'type' &&
        d.specifiers.length > 0 &&
        d.specifiers.every((s) => s.type !== AST_NODE_TYPES.ImportNamespaceSpecifier) &&
        d.specifiers.some((s) => s.type === AST_NODE_TYPES.ImportSpecifier),
    );
    if (same) {
      const last = [...same.specifiers].reverse().find((s) => s.type === AST_NODE_TYPES.ImportSpecifier)!;
      return { status: 'add', edit: { range: [last.range[1], last.range[1]], text: `, ${name}` } };
    }
  }
  const statement = `import ${isDefault ? name : `{ ${name} }`} from ${quote}${from}${quote}${semi}`;
  const lastImport = imports[imports.length - 1];
  if (lastImport) return { status: 'add', edit: { range: [lastImport.range[1], lastImport.range[1]], text: `\n${statement}` } };
  const directives = body.filter((s) => s.type === AST_NODE_TYPES.ExpressionStatement && s.directive !== undefined);
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) return { status: 'add', edit: { range: [lastDirective.range[1], lastDirective.range[1]], text: `\n\n${statement}` } };
  // A leading comment block (licence, file doc) stays on top; the import goes right before the code.
  const before = body[0]?.range[0] ?? sourceCode.text.length;
  return { status: 'add', edit: { range: [before, before], text: `${statement}\n\n` } };
}

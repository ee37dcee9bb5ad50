/**
 * Is this expression a Supabase client, and which kind?
 *
 * - **service role** (`createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY)`, a `sb_secret_…` key, a JWT whose
 *   `role` is `service_role`): bypasses Row Level Security, so the query alone decides whose rows it touches;
 * - **user-bound** (`createServerClient` / `createBrowserClient` from `@supabase/ssr`, the auth-helpers' clients,
 *   `createClient` with the anon / publishable key): runs as the signed-in user, under RLS.
 *
 * By evidence, followed as far as the project's code goes: a binding initialised by a factory of a `@supabase/*`
 * package (its key argument decides the kind), a call of a project helper (`await createClient()` from
 * `@/lib/supabase/server`: that module is read and the helper's `return` classified), an import of a client made in
 * another module (`import { supabaseAdmin } from '@/lib/supabase/admin'`: read the same way, through tsconfig `paths`
 * aliases), a parameter typed `SupabaseClient`. Only where the evidence runs out (an import that does not resolve, a
 * key that is a parameter, `ctx.supabase`) does the name decide: `supabaseAdmin`, `serviceClient`, a module
 * `…/supabase/admin` mean service role; other names with `supabase` in them a user-bound client; anything else is no
 * Supabase client at all, which is what keeps `Array.from()`, an HTTP client's `.from()` and Prisma out.
 *
 * The `Database` type argument (`createClient<Database>(…)`, `SupabaseClient<Database>`) is followed to the module
 * that declares it: the client's own generated types, preferred over the conventional paths.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isFunction, memberName, singleDeclarator, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import { parseModule, readModuleText, resolveImport } from './modules.js';

export type ClientKind = 'service' | 'user';

export interface SupabaseClientInfo {
  kind: ClientKind;
  /** How the kind was decided: the key argument, the factory (user-bound by construction), or only the name. */
  evidence: 'key' | 'factory' | 'name';
  /** The module declaring the client's `Database` type argument, when it was followed to a file. */
  typesFile: string | null;
}

/** Internally a client may be of unknown kind (`createClient(url, key)` with a key we cannot read): the name decides later. */
type Kind = ClientKind | 'unknown';
interface Info {
  kind: Kind;
  evidence: SupabaseClientInfo['evidence'];
  typesFile: string | null;
}

type Binding =
  | { kind: 'value'; name: string; init: Node; scope: Lookup }
  | { kind: 'import'; name: string; source: string; imported: string; from: string }
  | { kind: 'function'; name: string; fn: FunctionNode; scope: Lookup }
  | { kind: 'parameter'; name: string; param: TSESTree.Identifier }
  | { kind: 'type'; name: string; file: string }
  /** A default export that is an expression or an anonymous function. */
  | { kind: 'node'; name: string; node: Node; scope: Lookup };

/** Name resolution, either through ESLint's scope analysis (the linted file) or a module index (other files). */
export interface Lookup {
  file: string;
  find(id: TSESTree.Identifier): Binding | null;
  /** The lookup inside a function of this module: its own `const`s and parameters first. */
  inside(fn: FunctionNode): Lookup;
}

const MAX_DEPTH = 8;

// ---------------------------------------------------------------------------------------------------------------
// Lookups

function importBinding(specifier: Node, declaration: TSESTree.ImportDeclaration, from: string): Binding | null {
  const source = declaration.source.value;
  if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
    const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
    return { kind: 'import', name: specifier.local.name, source, imported, from };
  }
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { kind: 'import', name: specifier.local.name, source, imported: 'default', from };
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { kind: 'import', name: specifier.local.name, source, imported: '*', from };
  return null;
}

/** Name resolution in the linted file, by ESLint's scope manager. */
export function fileLookup(sourceCode: Readonly<TSESLint.SourceCode>, file: string): Lookup {
  const self: Lookup = {
    file,
    find(id) {
      const variable = findVariable(sourceCode, id);
      const def = variable?.defs[0];
      if (!variable || !def) return null;
      switch (def.type) {
        case 'Variable': {
          const declarator = singleDeclarator(variable);
          return declarator?.init ? { kind: 'value', name: id.name, init: declarator.init, scope: self } : null;
        }
        case 'ImportBinding':
          // `import x = require('y')` is an import binding without an ImportDeclaration: not followed.
          return def.parent?.type === AST_NODE_TYPES.ImportDeclaration ? importBinding(def.node as Node, def.parent, file) : null;
        case 'FunctionName':
          return { kind: 'function', name: id.name, fn: def.node as FunctionNode, scope: self };
        case 'Parameter':
          return def.name.type === AST_NODE_TYPES.Identifier ? { kind: 'parameter', name: id.name, param: def.name } : null;
        case 'Type':
          return { kind: 'type', name: id.name, file };
        default:
          return null;
      }
    },
    inside: () => self,
  };
  return self;
}

type ExportEntry = { local: string } | { node: Node } | { source: string; imported: string };

interface ModuleIndex {
  file: string;
  bindings: Map<string, Binding>;
  exports: Map<string, ExportEntry>;
  starExports: string[];
  lookup: Lookup;
}

const moduleIndexes = new WeakMap<TSESTree.Program, ModuleIndex>();

/** Top-level names of another module (imports, `const`s, functions, types) and what it exports under which name. */
function moduleIndex(file: string): ModuleIndex | null {
  const program = parseModule(file);
  if (!program) return null;
  const cached = moduleIndexes.get(program);
  if (cached) return cached;
  const bindings = new Map<string, Binding>();
  const exports = new Map<string, ExportEntry>();
  const starExports: string[] = [];
  const lookup: Lookup = {
    file,
    find: (id) => bindings.get(id.name) ?? null,
    inside: (fn) => functionLookup(fn, lookup),
  };
  const declare = (node: Node): string[] => {
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclaration: {
        const names: string[] = [];
        for (const d of node.declarations) {
          if (d.id.type === AST_NODE_TYPES.Identifier && d.init) {
            bindings.set(d.id.name, { kind: 'value', name: d.id.name, init: d.init, scope: lookup });
            names.push(d.id.name);
          }
        }
        return names;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
        if (!node.id) return [];
        bindings.set(node.id.name, { kind: 'function', name: node.id.name, fn: node, scope: lookup });
        return [node.id.name];
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
        bindings.set(node.id.name, { kind: 'type', name: node.id.name, file });
        return [node.id.name];
      default:
        return [];
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        const binding = importBinding(specifier, statement, file);
        if (binding) bindings.set(binding.name, binding);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration) for (const name of declare(statement.declaration)) exports.set(name, { local: name });
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : String(specifier.local.value);
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
        exports.set(exported, statement.source ? { source: statement.source.value, imported: local } : { local });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) exports.set('default', { local: declaration.name });
      else {
        declare(declaration);
        exports.set('default', { node: declaration });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      if (!statement.exported) starExports.push(statement.source.value);
    } else {
      declare(statement);
    }
  }
  const index: ModuleIndex = { file, bindings, exports, starExports, lookup };
  moduleIndexes.set(program, index);
  return index;
}

/** Inside a function of another module: its parameters and the `const`s of its body, then the module's names. */
function functionLookup(fn: FunctionNode, outer: Lookup): Lookup {
  const locals = new Map<string, Binding>();
  const lookup: Lookup = {
    file: outer.file,
    find: (id) => locals.get(id.name) ?? outer.find(id),
    inside: (inner) => functionLookup(inner, lookup),
  };
  for (const param of fn.params) {
    const id = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
    if (id.type === AST_NODE_TYPES.Identifier) locals.set(id.name, { kind: 'parameter', name: id.name, param: id });
  }
  walk(
    fn.body,
    (n) => {
      if (n.type === AST_NODE_TYPES.VariableDeclarator && n.id.type === AST_NODE_TYPES.Identifier && n.init) {
        locals.set(n.id.name, { kind: 'value', name: n.id.name, init: n.init, scope: lookup });
      }
    },
    { skipFunctions: true },
  );
  return lookup;
}

/** What module `file` exports as `name` (following re-exports), as a binding in that module. */
function exportedBinding(file: string, name: string, depth: number): Binding | null {
  if (depth > MAX_DEPTH) return null;
  const index = moduleIndex(file);
  if (!index) return null;
  const entry = index.exports.get(name);
  if (entry) {
    if ('local' in entry) return index.bindings.get(entry.local) ?? null;
    if ('node' in entry) return { kind: 'node', name, node: entry.node, scope: index.lookup };
    return { kind: 'import', name, source: entry.source, imported: entry.imported, from: file };
  }
  for (const source of index.starExports) {
    const target = resolveImport(source, file);
    const found = target ? exportedBinding(target, name, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

const SERVICE_KEY_NAME = /service_?role|secret|service_?key|admin_?key/i;
const USER_KEY_NAME = /anon|publishable|public/i;

function kindOfKeyName(name: string): ClientKind | null {
  if (SERVICE_KEY_NAME.test(name)) return 'service';
  if (USER_KEY_NAME.test(name)) return 'user';
  return null;
}

/** A literal key: `sb_secret_…` / `sb_publishable_…`, or a legacy JWT key whose payload names its role. */
function kindOfKeyLiteral(value: string): ClientKind | null {
  if (value.startsWith('sb_secret_')) return 'service';
  if (value.startsWith('sb_publishable_')) return 'user';
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { role?: unknown };
    if (payload.role === 'service_role') return 'service';
    if (payload.role === 'anon' || payload.role === 'authenticated') return 'user';
  } catch {
    // not a JWT
  }
  return null;
}

/** The kind of key an expression holds: `process.env.SUPABASE_SERVICE_ROLE_KEY!`, `env.SUPABASE_ANON_KEY`, a literal, a `const` of one. */
function keyKind(node: Node | undefined, scope: Lookup, depth = 0): ClientKind | null {
  if (!node || depth > MAX_DEPTH) return null;
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'string' ? kindOfKeyLiteral(value.value) : null;
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(value);
      return name ? kindOfKeyName(name) : null;
    }
    case AST_NODE_TYPES.Identifier: {
      const binding = scope.find(value);
      const resolved = binding?.kind === 'value' ? keyKind(binding.init, binding.scope, depth + 1) : null;
      return resolved ?? kindOfKeyName(value.name) ?? (binding?.kind === 'import' ? kindOfKeyName(binding.imported) : null);
    }
    case AST_NODE_TYPES.CallExpression: {
      // `Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')`, `requireEnv('SUPABASE_SECRET_KEY')`
      const first = value.arguments[0];
      if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') return kindOfKeyName(first.value);
      return null;
    }
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.ConditionalExpression: {
      const sides = value.type === AST_NODE_TYPES.LogicalExpression ? [value.left, value.right] : [value.consequent, value.alternate];
      const kinds = sides.map((s) => keyKind(s, scope, depth + 1));
      return kinds.includes('service') ? 'service' : (kinds.find((k) => k !== null) ?? null);
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Clients

/**
 * The names that say what a client is when nothing else does: `supabaseAdmin`, `serviceClient`, `adminClient`,
 * `serviceRoleClient` are service-role clients; other names with `supabase` in them are clients of unknown kind.
 */
function byName(name: string | null): Info | null {
  if (!name) return null;
  if (/supabase/i.test(name)) return { kind: /admin|service/i.test(name) ? 'service' : 'unknown', evidence: 'name', typesFile: null };
  if (/^(admin|service(_?role)?)_?(client|db)$/i.test(name)) return { kind: 'service', evidence: 'name', typesFile: null };
  return null;
}

/** An import that could not be followed: its names, then its module path (`@/lib/supabase/admin`). */
function byImportNames(binding: Extract<Binding, { kind: 'import' }>): Info | null {
  const named = byName(binding.name) ?? (binding.imported !== 'default' && binding.imported !== '*' ? byName(binding.imported) : null);
  if (named) return named;
  if (/supabase/i.test(binding.source)) {
    return { kind: /admin|service/i.test(binding.source) ? 'service' : 'unknown', evidence: 'name', typesFile: null };
  }
  return null;
}

function combine(infos: Array<Info | null>): Info | null {
  const found = infos.filter((i): i is Info => i !== null);
  if (found.length === 0) return null;
  const best = found.find((i) => i.kind === 'service') ?? found.find((i) => i.kind === 'user') ?? found[0];
  return { ...best, typesFile: best.typesFile ?? found.find((i) => i.typesFile)?.typesFile ?? null };
}

/** `Database` in `createClient<Database>()` / `SupabaseClient<Database>`: the file that declares it. */
function typesFileOf(typeArguments: TSESTree.TSTypeParameterInstantiation | undefined, scope: Lookup): string | null {
  const first = typeArguments?.params[0];
  if (!first || first.type !== AST_NODE_TYPES.TSTypeReference || first.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = scope.find(first.typeName);
  if (binding?.kind === 'type') return binding.file;
  if (binding?.kind === 'import') {
    const target = resolveImport(binding.source, binding.from);
    if (!target) return null;
    if (/\b(type|interface)\s+Database\b/.test(readModuleText(target) ?? '')) return target;
    // A barrel: `export * from './supabase'`, `export type { Database } from './database.types'`
    const inner = exportedBinding(target, binding.imported, 1);
    if (inner?.kind === 'type') return inner.file;
    if (inner?.kind === 'import') return resolveImport(inner.source, inner.from) ?? target;
    return target;
  }
  return null;
}

/** A factory of a `@supabase/*` package, called: which client it makes. */
function factoryCall(source: string, imported: string, call: TSESTree.CallExpression, scope: Lookup): Info | null {
  const typesFile = typesFileOf(call.typeArguments, scope);
  if (source === '@supabase/supabase-js' && imported === 'createClient') {
    const key = keyKind(call.arguments[1], scope);
    return { kind: key ?? 'unknown', evidence: key ? 'key' : 'factory', typesFile };
  }
  if (source === '@supabase/ssr' && (imported === 'createServerClient' || imported === 'createBrowserClient')) {
    const key = keyKind(call.arguments[1], scope);
    return { kind: key === 'service' ? 'service' : 'user', evidence: key ? 'key' : 'factory', typesFile };
  }
  if (source.startsWith('@supabase/auth-helpers') && /^create\w*Client$/.test(imported)) {
    let key: ClientKind | null = null;
    for (const arg of call.arguments) {
      if (arg.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const prop of arg.properties) {
        if (prop.type === AST_NODE_TYPES.Property && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === 'supabaseKey') {
          key = keyKind(prop.value, scope);
        }
      }
    }
    return { kind: key === 'service' ? 'service' : 'user', evidence: key ? 'key' : 'factory', typesFile };
  }
  return null;
}

/** The client an expression evaluates to. */
function clientOfValue(node: Node, scope: Lookup, depth: number): Info | null {
  if (depth > MAX_DEPTH) return null;
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return clientOfValue(value.argument, scope, depth + 1);
    case AST_NODE_TYPES.ChainExpression:
      return clientOfValue(value.expression, scope, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const binding = scope.find(value);
      return binding ? clientOfBinding(binding, depth + 1) : null;
    }
    case AST_NODE_TYPES.CallExpression:
      return clientOfCall(value, scope, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      // `ctx.supabase`, `this.supabaseAdmin`, `event.locals.supabase`: nothing to follow but the name.
      const name = memberName(value);
      return name && /supabase/i.test(name) ? byName(name) : null;
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return combine([clientOfValue(value.consequent, scope, depth + 1), clientOfValue(value.alternate, scope, depth + 1)]);
    case AST_NODE_TYPES.LogicalExpression:
      return combine([clientOfValue(value.left, scope, depth + 1), clientOfValue(value.right, scope, depth + 1)]);
    default:
      return null;
  }
}

/** Fills an unknown kind from the binding's name (`const supabaseAdmin = createClient(url, key)`). */
function named(info: Info | null, name: string): Info | null {
  if (!info || info.kind !== 'unknown') return info;
  const byIts = byName(name);
  return byIts && byIts.kind !== 'unknown' ? { ...info, kind: byIts.kind, evidence: 'name' } : info;
}

const valueCache = new WeakMap<object, Map<string, Info | null>>();

function cachedExport(file: string, name: string, mode: 'value' | 'call', compute: () => Info | null): Info | null {
  const program = parseModule(file);
  if (!program) return null;
  let map = valueCache.get(program);
  if (!map) valueCache.set(program, (map = new Map()));
  const key = `${mode}:${name}`;
  if (map.has(key)) return map.get(key)!;
  map.set(key, null); // a cycle resolves to "not a client"
  const result = compute();
  map.set(key, result);
  return result;
}

/** The client a binding holds (as a value, not called). */
function clientOfBinding(binding: Binding, depth: number): Info | null {
  if (depth > MAX_DEPTH) return null;
  switch (binding.kind) {
    case 'value':
      return named(clientOfValue(binding.init, binding.scope, depth + 1), binding.name) ?? (isFunction(unwrap(binding.init)) ? null : byName(binding.name));
    case 'import': {
      if (binding.source.startsWith('@supabase/')) return null; // a factory or a type, not a client
      const file = resolveImport(binding.source, binding.from);
      const found = file
        ? cachedExport(file, binding.imported, 'value', () => {
            const target = exportedBinding(file, binding.imported, depth + 1);
            return target ? clientOfBinding(target, depth + 1) : null;
          })
        : null;
      return named(found, binding.name) ?? byImportNames(binding);
    }
    case 'parameter': {
      const annotation = binding.param.typeAnnotation?.typeAnnotation;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
        const typeName = annotation.typeName;
        const name = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
        if (name === 'SupabaseClient') {
          const fromName = byName(binding.name);
          return { kind: fromName?.kind ?? 'unknown', evidence: 'name', typesFile: null };
        }
      }
      return byName(binding.name);
    }
    case 'node':
      return clientOfValue(binding.node, binding.scope, depth + 1);
    default:
      return null;
  }
}

/** The client a call returns: a `@supabase/*` factory, or a project helper whose `return` makes one. */
function clientOfCall(call: TSESTree.CallExpression, scope: Lookup, depth: number): Info | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `supabase.schema('billing')` is the same client on another schema.
    return memberName(callee) === 'schema' ? clientOfValue(callee.object, scope, depth + 1) : null;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = scope.find(callee);
  if (!binding) return null;
  if (binding.kind === 'import' && binding.source.startsWith('@supabase/')) return factoryCall(binding.source, binding.imported, call, scope);
  return resultOf(binding, depth + 1);
}

/** What calling a binding returns. */
function resultOf(binding: Binding, depth: number): Info | null {
  if (depth > MAX_DEPTH) return null;
  switch (binding.kind) {
    case 'function':
      return clientOfFunction(binding.fn, binding.scope.inside(binding.fn), depth + 1);
    case 'value':
    case 'node': {
      let init = unwrap(binding.kind === 'value' ? binding.init : binding.node);
      // `export const createClient = cache(async () => …)`
      if (init.type === AST_NODE_TYPES.CallExpression && init.arguments[0] && isFunction(init.arguments[0])) init = init.arguments[0];
      return isFunction(init) ? clientOfFunction(init, binding.scope.inside(init), depth + 1) : null;
    }
    case 'import': {
      if (binding.source.startsWith('@supabase/')) return null;
      const file = resolveImport(binding.source, binding.from);
      const found = file
        ? cachedExport(file, binding.imported, 'call', () => {
            const target = exportedBinding(file, binding.imported, depth + 1);
            return target ? resultOf(target, depth + 1) : null;
          })
        : null;
      if (found) return found;
      // Not readable: `createAdminClient()`, `createClient()` from a module named for Supabase.
      const name = binding.imported !== 'default' ? binding.imported : binding.name;
      if (/^(create|get|use|make)\w*(admin|service)\w*$/i.test(name)) return { kind: 'service', evidence: 'name', typesFile: null };
      if (/supabase/i.test(name) || (/supabase/i.test(binding.source) && /client/i.test(name))) {
        return { kind: /admin|service/i.test(binding.source) ? 'service' : 'unknown', evidence: 'name', typesFile: null };
      }
      return null;
    }
    default:
      return null;
  }
}

/** The client a function returns, over all its `return`s (service role wins: it is the one that bypasses RLS). */
function clientOfFunction(fn: FunctionNode, scope: Lookup, depth: number): Info | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return clientOfValue(fn.body, scope, depth + 1);
  const returns: Node[] = [];
  walk(
    fn.body,
    (n) => {
      if (n.type === AST_NODE_TYPES.ReturnStatement && n.argument) returns.push(n.argument);
    },
    { skipFunctions: true },
  );
  return combine(returns.map((r) => clientOfValue(r, scope, depth + 1)));
}

/** The Supabase client `node` is, or null when it is none by evidence or by name. */
export function supabaseClientOf(node: Node, scope: Lookup): SupabaseClientInfo | null {
  const info = clientOfValue(node, scope, 0);
  if (!info) return null;
  // A client whose key we could not read is taken to run under RLS: unknown is never reported.
  return { kind: info.kind === 'unknown' ? 'user' : info.kind, evidence: info.evidence, typesFile: info.typesFile };
}

/**
 * The raw SQL data layer: queries written as SQL text, found by evidence of the library that runs them —
 *
 * - Prisma: `prisma.$queryRaw\`…\``, `$executeRaw\`…\``, `$queryRaw(Prisma.sql\`…\`)`, `$queryRawUnsafe('…', a)`
 *   (the `$`-methods are Prisma's own: the method name is the evidence);
 * - `sql\`…\`` imported from `drizzle-orm` or `kysely` (only when it is a query: run by `db.execute(…)` /
 *   `.execute(db)` or standing alone — a `sql` piece inside `.where(…)`, `and(…)` or another template is a fragment);
 * - `@vercel/postgres`: `sql\`…\``, `db.sql\`…\``, `sql.query('…', [a])`, and its pools and clients;
 * - `postgres` (postgres.js): the instance `const sql = postgres(url)`, its `begin`/`savepoint` transaction
 *   callbacks and `reserve()`d connections, `sql.unsafe('…')`; also `neon(url)` of `@neondatabase/serverless`;
 * - `pg`: `client.query('…', [a])` / `pool.query({ text, values })` where the client or pool is `new Client` /
 *   `new Pool` of `pg` (or of Neon's serverless driver), `await pool.connect()`, a parameter typed `Pool` /
 *   `PoolClient` / `Client`, or an import from a project module that makes one.
 *
 * Interpolations become placeholders (`$1`…, mapped back to their code); nested fragments of the same library
 * (`${Prisma.sql\`…\`}`, `${sql\`…\`}`, `Prisma.raw('…')`, `sql.raw('…')`, Drizzle table and column objects) are
 * inlined so the query reads as it will run. The text is then checked by sql.ts; text that does not parse is
 * skipped, or reported with `reportUnparsableSql`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, memberName, resolveValue, unwrap, type Node } from './ast.js';
import type { DataLayer, LayerContext, LayerFinding } from './data-layers.js';
import { analyzeSql, quoteIdentifier, type SqlVerdict } from './sql.js';
import { annotationFrom, callbackCall, declaratorOf, importOf, importsPackage, isPackageImport, moduleMakes } from './sql-clients.js';
import { findingsFor } from './sql-findings.js';
import type { TableInfo, TableSet } from './tables.js';

type Family = 'prisma' | 'drizzle' | 'kysely' | 'postgres' | 'vercel' | 'pg';

const PRISMA_TAGS = new Set(['$queryRaw', '$executeRaw']);
const PRISMA_CALLS = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
/** Methods that run a Drizzle / Kysely `sql` object as a query (everything else takes it as a fragment). */
const EXECUTORS = new Set(['execute', 'run', 'all', 'get', 'values']);

// Evidence ---------------------------------------------------------------------------------------------------------

const POSTGRES_PACKAGES = ['postgres', '@neondatabase/serverless'];
const PG_PACKAGES = ['pg', '@neondatabase/serverless'];
const VERCEL = '@vercel/postgres';
const MAKES_POSTGRES = { library: importsPackage(POSTGRES_PACKAGES), construct: /\b(?:postgres|neon)\s*\(/ };
const MAKES_PG = { library: importsPackage([...PG_PACKAGES, VERCEL]), construct: /\bnew\s+(?:\w+\.)?(?:Pool|Client)\s*\(|\bcreate(?:Pool|Client)\s*\(/ };
const MAKES_VERCEL = { library: importsPackage([VERCEL]), construct: /\b(?:sql|db|createPool|createClient)\b/ };
const PG_TYPES = new Set(['Pool', 'PoolClient', 'Client', 'ClientBase']);
const POSTGRES_TYPES = new Set(['Sql', 'TransactionSql', 'ReservedSql']);

function initOf(node: Node): Node {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  return value;
}

/** A postgres.js (or Neon `neon()`) instance: a function that runs the template it tags. */
function isPostgresJs(node: Node, ctx: LayerContext, depth = 0): boolean {
  const value = initOf(node);
  if (depth > 4) return false;
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const info = importOf(callee, ctx.sourceCode);
      return (info?.source === 'postgres' && info.imported === 'default') || (info?.source === '@neondatabase/serverless' && info.imported === 'neon');
    }
    // `await sql.reserve()`
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'reserve' && isPostgresJs(callee.object, ctx, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const info = importOf(value, ctx.sourceCode);
  if (info) return !isPackageImport(info.source) && moduleMakes(info.source, ctx.filename, MAKES_POSTGRES.library, MAKES_POSTGRES.construct);
  const def = findVariable(ctx.sourceCode, value)?.defs[0];
  if (def?.type === 'Parameter') {
    const param = def.name as Node;
    if (annotationFrom(param, POSTGRES_TYPES, ['postgres'], ctx.sourceCode)) return true;
    const callback = callbackCall(param);
    const callee = callback ? unwrap(callback.call.callee) : null;
    return (
      callback !== null &&
      (callback.method === 'begin' || callback.method === 'savepoint') &&
      callee?.type === AST_NODE_TYPES.MemberExpression &&
      isPostgresJs(callee.object, ctx, depth + 1)
    );
  }
  const declarator = declaratorOf(value, ctx.sourceCode);
  return declarator !== null && isPostgresJs(declarator.init!, ctx, depth + 1);
}

/** `sql`, `db`, `createPool()`, `createClient()` of `@vercel/postgres`, and connections from them. */
function isVercel(node: Node, ctx: LayerContext, depth = 0): boolean {
  const value = initOf(node);
  if (depth > 4) return false;
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return importOf(callee, ctx.sourceCode)?.source === VERCEL;
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'connect' && isVercel(callee.object, ctx, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const info = importOf(value, ctx.sourceCode);
  if (info) {
    if (info.source === VERCEL) return true;
    return !isPackageImport(info.source) && moduleMakes(info.source, ctx.filename, MAKES_VERCEL.library, MAKES_VERCEL.construct);
  }
  const declarator = declaratorOf(value, ctx.sourceCode);
  return declarator !== null && isVercel(declarator.init!, ctx, depth + 1);
}

/** A node-postgres (or compatible) pool or client: it has `.query(text, values)`. */
function isPgClient(node: Node, ctx: LayerContext, depth = 0): boolean {
  const value = initOf(node);
  if (depth > 4) return false;
  if (value.type === AST_NODE_TYPES.NewExpression) {
    const callee = unwrap(value.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const info = importOf(callee, ctx.sourceCode);
      return info !== null && PG_PACKAGES.includes(info.source) && PG_TYPES.has(info.imported);
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && PG_TYPES.has(memberName(callee) ?? '')) {
      const info = importOf(callee.object, ctx.sourceCode); // `new pg.Pool()`
      return info !== null && PG_PACKAGES.includes(info.source);
    }
    return false;
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(value.callee);
    // `await pool.connect()`
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'connect') return isPgClient(callee.object, ctx, depth + 1);
    return isVercel(value, ctx, depth + 1);
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const info = importOf(value, ctx.sourceCode);
  if (info) {
    if (info.source === VERCEL) return true;
    return !isPackageImport(info.source) && moduleMakes(info.source, ctx.filename, MAKES_PG.library, MAKES_PG.construct);
  }
  const def = findVariable(ctx.sourceCode, value)?.defs[0];
  if (def?.type === 'Parameter') return annotationFrom(def.name as Node, PG_TYPES, PG_PACKAGES, ctx.sourceCode);
  const declarator = declaratorOf(value, ctx.sourceCode);
  return declarator !== null && isPgClient(declarator.init!, ctx, depth + 1);
}

function importedSql(node: Node, ctx: LayerContext): 'drizzle' | 'kysely' | 'vercel' | null {
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const info = importOf(node, ctx.sourceCode);
  if (!info || info.imported !== 'sql') return null;
  if (info.source === 'drizzle-orm' || info.source.startsWith('drizzle-orm/')) return 'drizzle';
  if (info.source === 'kysely') return 'kysely';
  if (info.source === VERCEL) return 'vercel';
  return null;
}

/** Which library's query a template tag runs, if any. Cheap shape checks first. */
function tagFamily(tag: Node, ctx: LayerContext): Family | null {
  const value = unwrap(tag);
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(value);
    if (name && PRISMA_TAGS.has(name)) return 'prisma';
    if (name === 'sql' && isVercel(value.object, ctx)) return 'vercel';
    return null;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const imported = importedSql(value, ctx);
  if (imported) return imported;
  return isPostgresJs(value, ctx) ? 'postgres' : null;
}

/** Is the tag of this template a fragment tag of the family (to inline it)? */
function isFragmentTag(tag: Node, family: Family, ctx: LayerContext): boolean {
  const value = unwrap(tag);
  switch (family) {
    case 'prisma':
      return isPrismaNamespaceMember(value, 'sql');
    case 'drizzle':
    case 'kysely':
      return importedSql(value, ctx) === family;
    case 'postgres':
      return isPostgresJs(value, ctx);
    default:
      return false;
  }
}

/** `Prisma.sql`, `Prisma.raw`, … (the namespace of `@prisma/client`, or of a generated client). */
function isPrismaNamespaceMember(node: Node, name: string): boolean {
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'Prisma' &&
    memberName(node) === name
  );
}

/**
 * Is this Drizzle / Kysely / postgres.js template a piece of another query rather than a query: interpolated into
 * another template, passed to anything but an executor (`.where(sql\`…\`)`, `and(…)`, `.select({ n: sql… })`),
 * `.as('x')`-ed, or bound to a variable used only in such places.
 */
function isFragmentUse(node: Node, family: Family, ctx: LayerContext, depth = 0): boolean {
  let current: Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TemplateLiteral:
        return parent.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.SpreadElement:
        continue;
      case AST_NODE_TYPES.AwaitExpression:
        return false;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== current) return false;
        return family !== 'postgres' && memberName(parent) !== 'execute';
      case AST_NODE_TYPES.CallExpression:
        if (!(parent.arguments as Node[]).includes(current)) return false;
        return family !== 'postgres' && !EXECUTORS.has(calleeName(parent) ?? '');
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== current || parent.id.type !== AST_NODE_TYPES.Identifier || depth > 2) return false;
        const variable = findVariable(ctx.sourceCode, parent.id);
        const reads = variable?.references.filter((r) => r.isRead()) ?? [];
        return reads.length > 0 && reads.every((r) => isFragmentUse(r.identifier, family, ctx, depth + 1));
      }
      default:
        return false;
    }
  }
  return false;
}

// SQL text ---------------------------------------------------------------------------------------------------------

interface Built {
  text: string;
  /** Placeholder → the code that gives its value. */
  values: Map<string, Node>;
  next: number;
  /** Placeholders are the driver's own (`$1` bound to a values list), not interpolations. */
  native: boolean;
}

const NATIVE_PARAM = /\$(\d+)/g;

function maxNative(texts: readonly string[]): number {
  let max = 0;
  for (const text of texts) for (const match of text.matchAll(NATIVE_PARAM)) max = Math.max(max, Number(match[1]));
  return max;
}

function stringValue(node: Node | undefined, ctx: LayerContext): string | null {
  if (!node) return null;
  const value = resolveValue(ctx.sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? null;
  return null;
}

const quoteDotted = (name: string) => name.split('.').map(quoteIdentifier).join('.');

const drizzleIndex = new WeakMap<TableSet, Map<string, TableInfo>>();
function drizzleTableNamed(name: string, ctx: LayerContext): TableInfo | undefined {
  const tables = ctx.tables();
  let index = drizzleIndex.get(tables);
  if (!index) {
    index = new Map();
    for (const table of tables.bySqlName.values()) if (table.source === 'drizzle' && !index.has(table.name)) index.set(table.name, table);
    drizzleIndex.set(tables, index);
  }
  return index.get(name);
}

/** The Drizzle table an interpolated identifier names (its binding, or the name it was imported under). */
function drizzleTable(node: Node, ctx: LayerContext): TableInfo | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const info = importOf(node, ctx.sourceCode);
  return drizzleTableNamed(info && info.imported !== 'default' && info.imported !== '*' ? info.imported : node.name, ctx);
}

type Inlined = { kind: 'text'; text: string } | { kind: 'template'; template: TSESTree.TemplateLiteral } | { kind: 'list' } | null;

/** What an interpolation stands for, when it is a piece of SQL we can read rather than a value. */
function inline(expression: Node, family: Family, ctx: LayerContext): Inlined {
  const raw = unwrap(expression);
  if (family === 'drizzle') {
    const table = drizzleTable(raw, ctx);
    if (table) return { kind: 'text', text: quoteIdentifier(table.sqlName) };
    if (raw.type === AST_NODE_TYPES.MemberExpression && !raw.computed) {
      const owner = drizzleTable(unwrap(raw.object), ctx);
      const key = memberName(raw);
      const column = owner?.columns.find((c) => c.key === key);
      if (owner && column) return { kind: 'text', text: `${quoteIdentifier(owner.sqlName)}.${quoteIdentifier(column.sqlName)}` };
    }
  }
  const value = resolveValue(ctx.sourceCode, raw);
  if (value.type === AST_NODE_TYPES.TaggedTemplateExpression && isFragmentTag(value.tag, family, ctx)) return { kind: 'template', template: value.quasi };
  if (family === 'prisma') {
    if (isPrismaNamespaceMember(value, 'empty')) return { kind: 'text', text: '' };
    if (value.type === AST_NODE_TYPES.CallExpression && isPrismaNamespaceMember(unwrap(value.callee), 'raw')) {
      const text = stringValue(value.arguments[0], ctx);
      return text === null ? null : { kind: 'text', text };
    }
    return null;
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(value.callee);
  if (family === 'postgres' && isPostgresJs(callee, ctx)) {
    // `sql('invoices')` is an identifier; `sql(ids)`, `sql(row, 'a', 'b')` a list of values or columns.
    const text = stringValue(value.arguments[0], ctx);
    return text !== null ? { kind: 'text', text: quoteDotted(text) } : { kind: 'list' };
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isFragmentTag(callee.object, family, ctx)) return null;
  const method = memberName(callee);
  if (method === 'empty') return { kind: 'text', text: '' };
  const text = stringValue(value.arguments[0], ctx);
  if (text === null) return null;
  if (method === 'raw') return { kind: 'text', text };
  if (method === 'identifier' || method === 'ref' || method === 'table' || method === 'id') return { kind: 'text', text: quoteDotted(text) };
  return null;
}

function appendTemplate(template: TSESTree.TemplateLiteral, family: Family, ctx: LayerContext, built: Built, depth: number): boolean {
  for (let i = 0; i < template.quasis.length; i++) {
    const cooked = template.quasis[i].value.cooked;
    if (cooked === null || cooked === undefined) return false;
    built.text += cooked;
    if (i >= template.expressions.length) continue;
    const expression = template.expressions[i];
    const inlined = depth < 4 ? inline(expression, family, ctx) : null;
    if (inlined?.kind === 'text') built.text += inlined.text;
    else if (inlined?.kind === 'template') {
      if (!appendTemplate(inlined.template, family, ctx, built, depth + 1)) return false;
    } else {
      const name = `$${built.next++}`;
      built.values.set(name, expression);
      if (inlined?.kind === 'list') {
        // postgres.js expands `in ${sql(ids)}` to `in ($1, $2)` and `set ${sql(row)}` to `set "a" = $1, …`.
        if (/\bin\s*$/i.test(built.text)) built.text += `(${name})`;
        else if (/\bset\s*$/i.test(built.text)) built.text += `"_" = ${name}`;
        else built.text += name;
      } else {
        built.text += name;
      }
    }
  }
  return true;
}

function fromTemplate(template: TSESTree.TemplateLiteral, family: Family, ctx: LayerContext): Built | null {
  const built: Built = { text: '', values: new Map(), next: maxNative(template.quasis.map((q) => q.value.cooked ?? '')) + 1, native: false };
  return appendTemplate(template, family, ctx, built, 0) ? built : null;
}

/** SQL given as a string (`pg`, `$queryRawUnsafe`): literals, untagged templates, `+` concatenations, constants. */
function appendString(node: Node, ctx: LayerContext, parts: { text: string; expressions: Array<{ at: number; node: Node }> }, depth = 0): boolean {
  const value = depth === 0 ? unwrap(node) : resolveValue(ctx.sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') {
    parts.text += value.value;
    return true;
  }
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    for (let i = 0; i < value.quasis.length; i++) {
      const cooked = value.quasis[i].value.cooked;
      if (cooked === null || cooked === undefined) return false;
      parts.text += cooked;
      if (i < value.expressions.length) {
        parts.expressions.push({ at: parts.text.length, node: value.expressions[i] });
        parts.text += '\0';
      }
    }
    return true;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+' && depth < 8) {
    return appendString(value.left, ctx, parts, depth + 1) && appendString(value.right, ctx, parts, depth + 1);
  }
  if (value.type === AST_NODE_TYPES.Identifier && depth === 0) {
    const resolved = resolveValue(ctx.sourceCode, value);
    return resolved !== value && appendString(resolved, ctx, parts, depth + 1);
  }
  return false;
}

/** SQL text with the driver's `$n` bound to `values(n)`, and interpolations made placeholders after them. */
function fromString(node: Node, values: (n: number) => Node | undefined, ctx: LayerContext): Built | null {
  const parts = { text: '', expressions: [] as Array<{ at: number; node: Node }> };
  if (!appendString(node, ctx, parts)) return null;
  const built: Built = { text: '', values: new Map(), next: maxNative([parts.text]) + 1, native: true };
  for (const match of parts.text.matchAll(NATIVE_PARAM)) {
    const value = values(Number(match[1]));
    if (value) built.values.set(`$${match[1]}`, value);
  }
  let last = 0;
  for (const { at, node: expression } of parts.expressions) {
    const name = `$${built.next++}`;
    built.values.set(name, expression);
    built.text += parts.text.slice(last, at) + name;
    last = at + 1;
  }
  built.text += parts.text.slice(last);
  return built;
}

function elementsOf(node: Node | undefined, ctx: LayerContext): (n: number) => Node | undefined {
  if (!node) return () => undefined;
  const value = resolveValue(ctx.sourceCode, node);
  if (value.type !== AST_NODE_TYPES.ArrayExpression) return () => undefined;
  return (n) => {
    const element = value.elements[n - 1];
    return element && element.type !== AST_NODE_TYPES.SpreadElement ? element : undefined;
  };
}

// Sites ------------------------------------------------------------------------------------------------------------

interface Site {
  built: Built;
  /** Reported node and the text the message quotes. */
  node: Node;
  call: string;
  at: Node;
}

function check(site: Site, ctx: LayerContext): LayerFinding[] {
  const tables = ctx.tables();
  if (tables.bySqlName.size === 0) return [];
  const analysis = analyzeSql(site.built.text, tables);
  if (analysis.kind === 'fragment') return [];
  if (analysis.kind === 'unparsable') {
    if (!ctx.reportUnparsableSql) return [];
    return [{ kind: 'unparsable-sql', node: site.node, call: site.call, table: '', field: '', verb: 'reads', fix: '', reason: analysis.reason }];
  }
  const { built } = site;
  const nextParam = built.next;
  return findingsFor<SqlVerdict>(
    analysis.verdicts,
    {
      node: site.node,
      at: site.at,
      call: site.call,
      fix: (verdict) => {
        const column = verdict.table.tenantColumns[0].sqlName;
        const target = `${verdict.alias ? `${quoteIdentifier(verdict.alias)}.` : ''}${quoteIdentifier(column)}`;
        const keyword = verdict.hasWhere ? 'AND' : 'WHERE';
        return built.native ? `${keyword} ${target} = $${nextParam}\` with \`[…, {value}]` : `${keyword} ${target} = \${{value}}`;
      },
      valueNodes: (value) => {
        const nodes: Node[] = [];
        for (const placeholder of value.placeholders) {
          const node = built.values.get(placeholder);
          if (!node) return null;
          nodes.push(node);
        }
        return nodes;
      },
    },
    ctx,
  );
}

function templateSite(node: TSESTree.TaggedTemplateExpression, ctx: LayerContext): Site | null {
  const family = tagFamily(node.tag, ctx);
  if (!family) return null;
  if ((family === 'drizzle' || family === 'kysely' || family === 'postgres') && isFragmentUse(node, family, ctx)) return null;
  const built = fromTemplate(node.quasi, family, ctx);
  if (!built) return null;
  return { built, node: node.tag, call: ctx.sourceCode.getText(executorOf(node) ?? node.tag), at: node };
}

/** `db.execute` of `db.execute(sql\`…\`)`: how the message names a Drizzle query run by an executor. */
function executorOf(node: Node): Node | null {
  let current: Node = node;
  while (current.parent?.type === AST_NODE_TYPES.TSAsExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  const call = current.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== current) return null;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && EXECUTORS.has(memberName(callee) ?? '') ? callee : null;
}

function callSite(node: TSESTree.CallExpression, ctx: LayerContext): Site | null {
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(callee);
  if (!method) return null;
  const [first, ...rest] = node.arguments;
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  let built: Built | null = null;
  if (PRISMA_CALLS.has(method)) {
    if (method.endsWith('Unsafe')) built = fromString(first, (n) => (rest[n - 1]?.type === AST_NODE_TYPES.SpreadElement ? undefined : rest[n - 1]), ctx);
    else {
      // `$queryRaw(Prisma.sql\`…\`)`, or a variable holding one
      const value = resolveValue(ctx.sourceCode, first);
      if (value.type !== AST_NODE_TYPES.TaggedTemplateExpression || !isPrismaNamespaceMember(unwrap(value.tag), 'sql')) return null;
      built = fromTemplate(value.quasi, 'prisma', ctx);
    }
  } else if (method === 'query') {
    if (!isPgClient(callee.object, ctx)) return null;
    const config = resolveValue(ctx.sourceCode, first);
    if (config.type === AST_NODE_TYPES.ObjectExpression) {
      // `pool.query({ text, values })`
      const prop = (name: string) =>
        config.properties.find(
          (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === name,
        )?.value;
      const text = prop('text');
      built = text ? fromString(text, elementsOf(prop('values'), ctx), ctx) : null;
    } else {
      built = fromString(first, elementsOf(rest[0], ctx), ctx);
    }
  } else if (method === 'unsafe') {
    if (!isPostgresJs(callee.object, ctx)) return null;
    built = fromString(first, elementsOf(rest[0], ctx), ctx);
  } else {
    return null;
  }
  if (!built) return null;
  return { built, node: callee, call: ctx.sourceCode.getText(callee), at: node };
}

/** Tags worth a look: a member `$queryRaw` / `$executeRaw` / `sql`, or a plain identifier (a `sql` import or instance). */
function mayBeSqlTag(tag: Node): boolean {
  const value = unwrap(tag);
  if (value.type === AST_NODE_TYPES.Identifier) return true;
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed || value.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = value.property.name;
  return PRISMA_TAGS.has(name) || name === 'sql';
}

const CALL_METHODS = new Set([...PRISMA_CALLS, 'query', 'unsafe']);

export const rawSqlLayer: DataLayer = {
  name: 'raw-sql',
  TaggedTemplateExpression(node, ctx) {
    if (!mayBeSqlTag(node.tag)) return [];
    const site = templateSite(node, ctx);
    return site ? check(site, ctx) : [];
  },
  CallExpression(node, ctx) {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return [];
    if (!CALL_METHODS.has(callee.property.name)) return [];
    const site = callSite(node, ctx);
    return site ? check(site, ctx) : [];
  },
};

/**
 * `scope-queries`: puts the session's tenant into every query `require-tenant-scope` reports as unscoped.
 *
 * - Prisma: `where: { accountId: session.accountId, ...existing }`; a `findUnique` by id becomes
 *   `findFirst({ where: { id, accountId } })` (`findUniqueOrThrow` → `findFirstOrThrow`), which every Prisma
 *   version accepts; `update`/`delete` by id keep their unique `where` and get the tenant added to it, which Prisma
 *   accepts from version 5 (read from package.json; older or unknown: left for review); nested `include`/`select`
 *   of a tenant-owned list get `where: { accountId: … }`.
 * - Drizzle: `.where(eq(invoices.teamId, …))`, or `and(existing, eq(…))` around an existing condition.
 * - Supabase (service-role clients), Kysely: the core's own insertion (`.eq('account_id', …)`, `.where(…)`).
 *
 * The tenant value comes from `SessionPlanner` (lib/session.ts). Findings with no certain rewrite (a list of every
 * tenant, a filter that may be undefined, a widened `AND`, no session to take the tenant from) get a
 * `// tenant-guard: review: …` comment and are listed by `tenant-guard migrate`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, unwrap } from '../src/core/ast.js';
import { readSettings } from '../src/core/settings.js';
import { tenantScopeTargets, type TenantScopeTarget } from '../src/codemod-targets.js';
import { addFirstProperty, addToWhere } from '../src/fixes.js';
import { defineCodemod, type CodemodInput, type CodemodPlan, type Review, type Rewrite } from './lib/codemod.js';
import { editsOf, fixer, type TextEdit } from './lib/edits.js';
import { planImport } from './lib/imports.js';
import { dependencyMajor } from './lib/packages.js';
import { SessionPlanner } from './lib/session.js';
import { planReviews, reviewCommentEdits } from './lib/reviews.js';
import { addLastProperty, listStatement, removeReviewComments } from './lib/source.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;
type PrismaTarget = Extract<TenantScopeTarget, { query: unknown }>;
type LayerTarget = Extract<TenantScopeTarget, { finding: unknown }>;

const RENAMED: Record<string, string> = { findUnique: 'findFirst', findUniqueOrThrow: 'findFirstOrThrow' };
/** Members of a query's promise that are not Prisma's fluent relation API. */
const PROMISE_MEMBERS = new Set(['then', 'catch', 'finally']);

interface FileContext {
  sourceCode: SourceCode;
  filename: string;
  planner: SessionPlanner;
  edits: TextEdit[];
  rewrites: Rewrite[];
  /** Reviews, grouped by the statement their comment goes above (one comment per statement). */
  reviews: Array<Review & { node: Node }>;
  /** The statements holding a rewritten query. */
  rewritten: Set<Node>;
}

function run({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const { sourceCode, targets } = tenantScopeTargets(source, { filename, cwd, settings: options.settings });
  if (targets.length === 0) return { edits: [], rewrites: [], reviews: [] };
  const settings = readSettings(options.settings ? { 'tenant-guard': options.settings } : undefined);
  const ctx: FileContext = {
    sourceCode,
    filename,
    planner: new SessionPlanner(sourceCode, filename, options, settings.sessionFunctions),
    edits: [],
    rewrites: [],
    reviews: [],
    rewritten: new Set(),
  };
  for (const target of targets) {
    if ('query' in target) rewritePrisma(target, ctx);
    else if ('finding' in target) rewriteLayer(target, ctx);
    else review(ctx, target, target.kind, target.report.message);
  }
  const session = ctx.planner.edits();
  ctx.edits.push(...session.edits);
  ctx.rewrites.push(...session.rewrites);
  ctx.edits.push(...reviewCommentEdits(sourceCode, ctx.reviews));
  // A marker of an earlier run above a query this run rewrote is out of date.
  const reviewed = new Set<Node | null>(ctx.reviews.map((r) => listStatement(r.node)));
  for (const statement of ctx.rewritten) if (!reviewed.has(statement)) ctx.edits.push(...removeReviewComments(sourceCode, statement));
  return { edits: ctx.edits, rewrites: ctx.rewrites, reviews: planReviews(ctx.reviews) };
}

function review(ctx: FileContext, target: TenantScopeTarget, kind: string, reason: string): void {
  ctx.reviews.push({ kind, at: target.report.node.range[0], reason, node: target.report.node });
}

/**
 * Takes a target's edits unless they overlap another target's (a query nested in the filter of another one that is
 * rewritten too): then that target is left for review rather than risking a garbled rewrite.
 */
function accept(ctx: FileContext, target: TenantScopeTarget, edits: TextEdit[]): boolean {
  const clash = edits.some((a) =>
    ctx.edits.some((b) => a.range[0] < b.range[1] && b.range[0] < a.range[1] && !(a.range[0] === a.range[1] && b.range[0] === b.range[1])),
  );
  if (clash) {
    review(ctx, target, target.kind, 'it overlaps another rewrite in the same query: add the tenant by hand');
    return false;
  }
  ctx.edits.push(...edits);
  const statement = listStatement(target.report.node);
  if (statement) ctx.rewritten.add(statement);
  return true;
}

// Prisma ----------------------------------------------------------------------------------------------------------

function rewritePrisma(target: PrismaTarget, ctx: FileContext): void {
  const { query, report } = target;
  const data = report.data;
  switch (target.kind) {
    case 'unscoped':
    case 'unscoped-unique':
      scopeWhere(target, ctx);
      return;
    case 'unscoped-include':
      scopeInclude(target, ctx);
      return;
    case 'unscoped-root':
      review(
        ctx,
        target,
        target.kind,
        `\`${data.call}\` lists every ${query.model.name}, the tenant itself: restrict it to the session's ${query.model.name} (\`where: { id: … }\`) or to the user's memberships`,
      );
      return;
    case 'maybe-undefined':
      review(
        ctx,
        target,
        target.kind,
        `\`${data.value}\` may be undefined, and Prisma then drops the ${data.field} filter: require the session first (\`if (!session) redirect('/login')\`)`,
      );
      return;
    case 'widened':
      review(ctx, target, target.kind, `\`${data.key}\` replaces the tenant condition that \`${data.spread}\` brought: combine them (\`AND: [where, { … }]\`)`);
      return;
    default:
      review(ctx, target, target.kind, report.message);
  }
}

function scopeWhere(target: PrismaTarget, ctx: FileContext): void {
  const { query, kind } = target;
  const field = target.field ?? query.model.tenantFields[0];
  const op = query.operation;
  const call = `${ctx.sourceCode.getText(query.delegate)}.${op}()`;
  if (op === 'upsert') {
    review(ctx, target, kind, `\`${call}\` with the tenant in its where would try to create a duplicate of another tenant's row: check the row's ${field} first`);
    return;
  }
  const rename = RENAMED[op];
  if (rename) {
    const reason = renameBlocker(query.call, target);
    if (reason) {
      review(ctx, target, kind, reason);
      return;
    }
  }
  if (op === 'update' || op === 'delete') {
    const major = dependencyMajor([ctx.filename, ...target.tenant.schemaFiles], ['@prisma/client', 'prisma']);
    if (major === null || major < 5) {
      const version = major === null ? 'of this project (not found in package.json)' : String(major);
      review(
        ctx,
        target,
        kind,
        `\`${call}\` needs a unique where, and Prisma ${version} does not accept ${field} next to it (Prisma 5 does): check the row's ${field} first`,
      );
      return;
    }
  }
  const value = ctx.planner.valueFor(query.call, field);
  if (!value.ok) {
    review(ctx, target, kind, value.reason);
    return;
  }
  // A lookup reads `{ id, accountId }`: the tenant after the key. Elsewhere it leads: `{ accountId, status }`.
  const literal = kind === 'unscoped-unique' ? whereLiteral(query.call) : null;
  const entry = field === value.value ? field : `${field}: ${value.value}`;
  const fix =
    literal && literal.properties.length > 0 && !literal.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === field)
      ? [addLastProperty(ctx.sourceCode, literal, entry)]
      : editsOf(addToWhere(fixer, ctx.sourceCode, query.call, field, value.value));
  if (fix.length === 0) {
    review(ctx, target, kind, `the query's filter is not an object literal here: add \`${field}: ${value.value}\` to it by hand`);
    return;
  }
  const property = (query.call.callee as TSESTree.MemberExpression).property;
  if (!accept(ctx, target, rename ? [...fix, { range: property.range, text: rename }] : fix)) return;
  value.commit();
  if (rename) {
    ctx.rewrites.push({ kind: `prisma: ${op} → ${rename} with the tenant`, at: target.report.node.range[0] });
  } else {
    ctx.rewrites.push({ kind: op === 'update' || op === 'delete' ? 'prisma: tenant added to a unique where' : 'prisma: tenant added to where', at: target.report.node.range[0] });
  }
}

/** The `where` object literal written in the call's own arguments, if it is one. */
function whereLiteral(call: TSESTree.CallExpression): TSESTree.ObjectExpression | null {
  const args = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (args?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const whereProp = args.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'where') as TSESTree.Property | undefined;
  const where = whereProp ? unwrap(whereProp.value) : null;
  return where?.type === AST_NODE_TYPES.ObjectExpression ? where : null;
}

/** Why `findUnique` cannot simply become `findFirst` here, or null. */
function renameBlocker(call: TSESTree.CallExpression, target: PrismaTarget): string | null {
  const callee = call.callee as TSESTree.MemberExpression;
  const op = target.query.operation;
  if (callee.computed) return `\`${op}\` is called by a computed name: rename it to \`${RENAMED[op]}\` and add the tenant by hand`;
  const parent = call.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === call) {
    const member = !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier ? parent.property.name : null;
    if (!member || !PROMISE_MEMBERS.has(member)) return `\`${op}()\` is followed by the fluent API (\`.${member ?? '…'}()\`): add the tenant by hand`;
  }
  const where = whereLiteral(call);
  if (!where) {
    return `the unique filter of \`${op}()\` is built elsewhere: turn it into \`${RENAMED[op]}({ where: { …, ${target.field}: … } })\` by hand`;
  }
  const model = target.query.model;
  for (const prop of where.properties) {
    const key = prop.type === AST_NODE_TYPES.Property ? propertyKeyName(prop) : null;
    if (key && (model.compoundKeyNames.has(key) || (key.includes('_') && model.uniqueKeys.some((k) => k.length > 1 && k.join('_') === key)))) {
      return `\`${key}\` is a compound unique key, which \`${RENAMED[op]}\` does not take: spell out its fields and add the tenant by hand`;
    }
  }
  return null;
}

function scopeInclude(target: PrismaTarget, ctx: FileContext): void {
  const field = target.field!;
  const property = target.report.node.parent;
  if (property?.type !== AST_NODE_TYPES.Property) {
    review(ctx, target, target.kind, target.report.message);
    return;
  }
  const value = ctx.planner.valueFor(target.query.call, field);
  if (!value.ok) {
    review(ctx, target, target.kind, value.reason);
    return;
  }
  const entry = field === value.value ? field : `${field}: ${value.value}`;
  const nested = unwrap(property.value);
  let edits: TextEdit[] | null = null;
  if (nested.type === AST_NODE_TYPES.Literal && nested.value === true) {
    edits = [{ range: property.value.range, text: `{ where: { ${entry} } }` }];
  } else if (nested.type === AST_NODE_TYPES.ObjectExpression) {
    const whereProp = nested.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'where') as TSESTree.Property | undefined;
    if (!whereProp) edits = editsOf(addFirstProperty(fixer, ctx.sourceCode, nested, `where: { ${entry} }`));
    else {
      const where = unwrap(whereProp.value);
      const named = where.type === AST_NODE_TYPES.ObjectExpression && where.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === field);
      if (where.type === AST_NODE_TYPES.ObjectExpression && !named) edits = editsOf(addFirstProperty(fixer, ctx.sourceCode, where, entry));
    }
  }
  if (!edits) {
    review(ctx, target, target.kind, `add \`where: { ${entry} }\` to the nested \`${target.report.data.relation}\` by hand`);
    return;
  }
  if (!accept(ctx, target, edits)) return;
  value.commit();
  ctx.rewrites.push({ kind: 'prisma: tenant filter on a nested include', at: target.report.node.range[0] });
}

// Other data layers -------------------------------------------------------------------------------------------------

function rewriteLayer(target: LayerTarget, ctx: FileContext): void {
  const { finding, layer } = target;
  if (target.kind !== 'unscoped' && target.kind !== 'unscoped-unique') {
    review(ctx, target, target.kind, target.kind === 'maybe-undefined' ? `\`${finding.value ? ctx.sourceCode.getText(finding.value as Node) : finding.field}\` may be undefined, and then the filter matches every row: require the session first` : target.report.message);
    return;
  }
  const byHand = `add \`${finding.fix.replaceAll('{value}', `<${finding.field} from the session>`)}\` by hand`;
  const drizzleWhere = layer === 'drizzle' && !finding.insert ? existingDrizzleWhere(target) : null;
  if (!finding.insert && !drizzleWhere) {
    review(ctx, target, target.kind, byHand);
    return;
  }
  const value = ctx.planner.valueFor(finding.node as Node, finding.field);
  if (!value.ok) {
    review(ctx, target, target.kind, value.reason);
    return;
  }
  const edits: TextEdit[] = [];
  if (layer === 'drizzle') {
    const needed = drizzleWhere ? (isCallTo(drizzleWhere, 'and') ? ['eq'] : ['and', 'eq']) : ['eq'];
    for (const name of needed) {
      const plan = planImport(ctx.sourceCode, name, 'drizzle-orm', false, false);
      if (plan.status === 'conflict') {
        review(ctx, target, target.kind, `\`${name}\` is ${plan.binding}, not drizzle-orm's: ${byHand}`);
        return;
      }
      if (plan.status === 'add') edits.push(plan.edit);
    }
  }
  if (drizzleWhere) {
    const condition = `eq(${ctx.sourceCode.getText(target.report.node)}.${finding.field}, ${value.value})`;
    if (isCallTo(drizzleWhere, 'and')) {
      const close = ctx.sourceCode.getLastToken(drizzleWhere)!;
      const last = (drizzleWhere as TSESTree.CallExpression).arguments.at(-1);
      const trailingComma = last ? ctx.sourceCode.getTokenAfter(last)?.value === ',' : false;
      edits.push({ range: [close.range[0], close.range[0]], text: last ? `${trailingComma ? ' ' : ', '}${condition}` : condition });
    } else {
      edits.push({ range: [drizzleWhere.range[0], drizzleWhere.range[0]], text: 'and(' }, { range: [drizzleWhere.range[1], drizzleWhere.range[1]], text: `, ${condition})` });
    }
  } else {
    const insert = finding.insert!;
    edits.push({ range: [insert.at, insert.at], text: insert.text.replaceAll('{value}', value.value) });
  }
  if (!accept(ctx, target, edits)) return;
  value.commit();
  ctx.rewrites.push({ kind: `${layer}: tenant condition added`, at: target.report.node.range[0] });
}

function isCallTo(node: Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name;
}

/**
 * The condition of the one `.where(cond)` on a Drizzle builder chain without joins (`db.select().from(t).where(c)`),
 * for `and(c, eq(t.teamId, …))`; null for any other shape (joins, several wheres, the relational API).
 */
function existingDrizzleWhere(target: LayerTarget): Node | null {
  const start = target.call;
  if (start.type !== AST_NODE_TYPES.CallExpression) return null;
  let where: Node | null = null;
  for (let current: Node = start; ; ) {
    const member: Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const call: Node | undefined = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    const name = !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
    if (name && /join$/i.test(name)) return null;
    if (name === 'where') {
      if (where || call.arguments.length !== 1 || call.arguments[0].type === AST_NODE_TYPES.SpreadElement) return null;
      where = call.arguments[0];
    }
    current = call;
  }
  return where;
}

export const codemod = { name: 'scope-queries', run };
export default defineCodemod(codemod);
/** jscodeshift picks the parser from here when run as `jscodeshift -t …/scope-queries.js`. */
export const parser = 'tsx';

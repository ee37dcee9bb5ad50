/**
 * `stripe-customer-by-id`: replaces the Stripe customer lookups by email that `no-stripe-email-lookup` reports with
 * the customer id stored on the tenant, read through the session.
 *
 * Rewritten, because it is certain: a `stripe.customers.list({ email })` / `.search({ query: "email:…" })` whose
 * result is used only for the first customer's id (`result.data[0]?.id`), in a project whose tenant model has a
 * stored customer id (`Account.stripeCustomerId`), with a Prisma client and a session value in scope. The lookup
 * becomes `db.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { stripeCustomerId: true } })`
 * and the id `account.stripeCustomerId ?? undefined` (`undefined` where Stripe found none before).
 *
 * Everything else is left for review, with the code to write in the comment: a "get or create" that uses the whole
 * customer object, a lookup on a connected account, a Checkout Session list by email, and every webhook that finds
 * a user by the email on a Stripe object (whether `client_reference_id` or `metadata.accountId` holds your account id
 * depends on what your checkout sets, which this file does not show).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import noStripeEmailLookup from '../rules/no-stripe-email-lookup.js';
import { findVariable, memberName, unwrap } from '../src/core/ast.js';
import { isPrismaClient } from '../src/core/prisma-client.js';
import { readSettings } from '../src/core/settings.js';
import { getTenantModel, type ModelInfo } from '../src/core/tenant-model.js';
import { lintForTargets, type RuleReport } from '../src/codemod-targets.js';
import { defineCodemod, type CodemodInput, type CodemodPlan, type Rewrite } from './lib/codemod.js';
import type { TextEdit } from './lib/edits.js';
import { planReviews, reviewCommentEdits, staleReviewEdits, type NodeReview } from './lib/reviews.js';
import { SessionPlanner } from './lib/session.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;

const STORED_CUSTOMER_FIELD = /^stripe_?customer_?id$/i;

interface FileContext {
  sourceCode: SourceCode;
  planner: SessionPlanner;
  /** The tenant root with a stored customer id, and that field; null when the schema has none. */
  stored: { model: ModelInfo; field: string } | null;
  /** The Prisma client the file uses, by name; null when it uses none. */
  client: string | null;
  edits: TextEdit[];
  rewrites: Rewrite[];
  reviews: NodeReview[];
  rewritten: Node[];
}

function run({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const { sourceCode, reports } = lintForTargets('no-stripe-email-lookup', noStripeEmailLookup, source, { filename, cwd, settings: options.settings });
  if (reports.length === 0) return { edits: [], rewrites: [], reviews: [] };
  const rawSettings = options.settings ? { 'tenant-guard': options.settings } : undefined;
  const settings = readSettings(rawSettings);
  const tenant = getTenantModel(filename, cwd, rawSettings);
  const ctx: FileContext = {
    sourceCode,
    planner: new SessionPlanner(sourceCode, filename, options, settings.sessionFunctions),
    stored: storedCustomerField([...tenant.models.values()]),
    client: prismaClientName(sourceCode, filename, settings.prismaClientNames),
    edits: [],
    rewrites: [],
    reviews: [],
    rewritten: [],
  };
  for (const report of reports) {
    switch (report.messageId) {
      case 'listByEmail':
      case 'searchByEmail':
        if (report.data.what === 'customer') rewriteLookup(ctx, report);
        else review(ctx, report, `\`${report.data.call}\` finds Checkout Sessions by the email typed into them: find them by the customer stored on the account (\`customer: ${storedText(ctx)}\`) or by the \`client_reference_id\` your checkout sets`);
        break;
      case 'connectLookup':
        review(ctx, report, `\`${report.data.call}\` finds a customer of the connected account \`${report.data.account}\` by email: store the customer id per connected account when you create it, and retrieve it by that id`);
        break;
      case 'dbLookup':
        review(
          ctx,
          report,
          `\`${report.data.value}\` is the email on a Stripe object (\`${report.data.field}\`), so \`${report.data.call}\` can pick another account's ${report.data.target}: match on an id your server gave Stripe instead — the object's \`client_reference_id\` or \`metadata.accountId\` if your checkout sets them, or the account whose stored ${ctx.stored ? `\`${ctx.stored.field}\`` : 'customer id'} is the object's \`customer\`; which of these your checkout sets is not visible here`,
        );
        break;
      default:
        review(ctx, report, report.message);
    }
  }
  const session = ctx.planner.edits();
  ctx.edits.push(...session.edits, ...reviewCommentEdits(sourceCode, ctx.reviews), ...staleReviewEdits(sourceCode, ctx.rewritten, ctx.reviews));
  ctx.rewrites.push(...session.rewrites);
  return { edits: ctx.edits, rewrites: ctx.rewrites, reviews: planReviews(ctx.reviews) };
}

function review(ctx: FileContext, report: RuleReport, reason: string): void {
  ctx.reviews.push({ kind: report.messageId, at: report.node.range[0], reason, node: report.node });
}

/** The tenant root that stores a Stripe customer id (`Account.stripeCustomerId`), when exactly one does. */
function storedCustomerField(models: ModelInfo[]): FileContext['stored'] {
  const found: Array<{ model: ModelInfo; field: string }> = [];
  for (const model of models) {
    if (!model.isRoot) continue;
    for (const field of model.fields.keys()) if (STORED_CUSTOMER_FIELD.test(field)) found.push({ model, field });
  }
  return found.length === 1 ? found[0] : null;
}

/** The module-level binding the file's Prisma queries go through (`db`, `prisma`). */
function prismaClientName(sourceCode: SourceCode, filename: string, extraClientNames: readonly string[]): string | null {
  const global = sourceCode.scopeManager!.globalScope!;
  const scope = global.childScopes.find((s) => s.type === 'module') ?? global;
  for (const variable of scope.variables) {
    const def = variable.defs[0];
    if (!def || (def.type !== 'ImportBinding' && def.type !== 'Variable')) continue;
    if (isPrismaClient(def.name as Node, { sourceCode, filename, extraClientNames })) return variable.name;
  }
  return null;
}

function storedText(ctx: FileContext): string {
  return ctx.stored ? `account.${ctx.stored.field}` : 'account.stripeCustomerId';
}

/** The code a review suggests: the stored id, read through the session (or, without one in the schema, storing it first). */
function suggestedRead(ctx: FileContext): string {
  if (!ctx.stored) return 'store the Stripe customer id on your tenant model where the customer is created (a `stripeCustomerId` field) and read it from there';
  const { model, field } = ctx.stored;
  return `\`const { ${field} } = await ${ctx.client ?? 'db'}.${model.delegate}.findUniqueOrThrow({ where: { id: <the session's ${model.delegate}Id> }, select: { ${field}: true } })\``;
}

// customers.list / customers.search -----------------------------------------------------------------------------

function rewriteLookup(ctx: FileContext, report: RuleReport): void {
  const params = report.node.parent;
  const call = params?.parent;
  const byHand = `${suggestedRead(ctx)}, and create the customer (storing its id on the account) only when it is null`;
  if (params?.type !== AST_NODE_TYPES.ObjectExpression || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== params) {
    review(ctx, report, `look the customer up by the id stored on the account: ${byHand}`);
    return;
  }
  const uses = idUses(ctx, call);
  if (!uses) {
    review(ctx, report, `\`${report.data.call}\`'s result is used for more than the first customer's id: read the id stored on the account instead (${byHand})`);
    return;
  }
  if (!ctx.stored) {
    review(ctx, report, `the tenant model has no stored Stripe customer id (a \`stripeCustomerId\` field on the account): add one, fill it where customers are created, then look customers up by it`);
    return;
  }
  if (!ctx.client) {
    review(ctx, report, `no Prisma client is used in this file to read the account's stored customer id: ${byHand}`);
    return;
  }
  const { model, field } = ctx.stored;
  const idField = `${model.delegate}Id`;
  const value = ctx.planner.valueFor(call, idField);
  if (!value.ok) {
    review(ctx, report, `${value.reason} (to read the account's stored \`${field}\` instead of finding the customer by email)`);
    return;
  }
  value.commit();
  const read = `${ctx.client}.${model.delegate}.findUniqueOrThrow({ where: { id: ${value.value} }, select: { ${field}: true } })`;
  if (uses.kind === 'inline') {
    // `(await stripe.customers.list({ email })).data[0]?.id`
    ctx.edits.push({ range: uses.expression.range, text: wrap(uses.expression, `(await ${read}).${field} ?? undefined`) });
  } else {
    ctx.edits.push({ range: call.range, text: read });
    const name = freeName(ctx.sourceCode, uses.declarator, model.delegate) ?? uses.declarator.id.name;
    if (name !== uses.declarator.id.name) ctx.edits.push({ range: uses.declarator.id.range, text: name });
    for (const expression of uses.expressions) ctx.edits.push({ range: expression.range, text: wrap(expression, `${name}.${field} ?? undefined`) });
  }
  ctx.rewrites.push({ kind: `stripe: customer id read from ${model.name}.${field}`, at: report.node.range[0] });
  ctx.rewritten.push(report.node);
}

type IdUses =
  | { kind: 'inline'; expression: Node }
  | { kind: 'bound'; declarator: TSESTree.VariableDeclarator & { id: TSESTree.Identifier }; expressions: Node[] };

/**
 * Is the lookup's result used only for the first customer's id? `(await list(…)).data[0]?.id`, or
 * `const found = await list(…)` read only as `found.data[0]?.id`. Only the optional form: `data[0].id` throws when
 * Stripe finds none, which the rewrite would not reproduce.
 */
function idUses(ctx: FileContext, call: TSESTree.CallExpression): IdUses | null {
  const awaited = call.parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const inline = firstIdOf(awaited);
  if (inline) return { kind: 'inline', expression: inline };
  const declarator = awaited.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== awaited || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const declaration = declarator.parent as TSESTree.VariableDeclaration;
  if (declaration.kind !== 'const') return null;
  const variable = findVariable(ctx.sourceCode, declarator.id);
  if (!variable) return null;
  const reads = variable.references.filter((r) => !r.init);
  if (reads.length === 0) return null;
  const expressions: Node[] = [];
  for (const ref of reads) {
    const expression = firstIdOf(ref.identifier);
    if (!expression) return null;
    expressions.push(expression);
  }
  return { kind: 'bound', declarator: declarator as TSESTree.VariableDeclarator & { id: TSESTree.Identifier }, expressions };
}

/** `<list>.data[0]?.id` around `node` (the list's value): the whole expression, or null. */
function firstIdOf(node: Node): Node | null {
  let current: Node = node;
  while (current.parent?.type === AST_NODE_TYPES.TSNonNullExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression) current = current.parent;
  const data = current.parent;
  if (data?.type !== AST_NODE_TYPES.MemberExpression || data.object !== current || memberName(data) !== 'data' || data.optional) return null;
  const first = data.parent;
  if (first?.type !== AST_NODE_TYPES.MemberExpression || first.object !== data || !first.computed) return null;
  const index = unwrap(first.property);
  if (index.type !== AST_NODE_TYPES.Literal || index.value !== 0) return null;
  const id = first.parent;
  if (id?.type !== AST_NODE_TYPES.MemberExpression || id.object !== first || memberName(id) !== 'id' || !id.optional) return null;
  const chain = id.parent;
  if (chain?.type !== AST_NODE_TYPES.ChainExpression) return null;
  // `data[0]?.id.length`: more than the id is read.
  return chain;
}

/** Parentheses where `a ?? b` could not stand as it is (next to `||`, `&&`, as an object of a member). */
function wrap(replaced: Node, text: string): string {
  const parent = replaced.parent;
  const bare =
    parent?.type === AST_NODE_TYPES.VariableDeclarator ||
    parent?.type === AST_NODE_TYPES.Property ||
    parent?.type === AST_NODE_TYPES.ReturnStatement ||
    parent?.type === AST_NODE_TYPES.ArrayExpression ||
    parent?.type === AST_NODE_TYPES.JSXExpressionContainer ||
    (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== replaced) ||
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === replaced) ||
    (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '??');
  return bare ? text : `(${text})`;
}

/** `account` for the binding, unless that name is taken where it would be declared. */
function freeName(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator, name: string): string | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(declarator); scope; scope = scope.upper) {
    if (scope.set.has(name) || scope.through.some((r) => r.identifier.name === name)) return null;
  }
  const inside = (s: TSESLint.Scope.Scope): boolean => s.set.has(name) || s.childScopes.some(inside);
  return inside(sourceCode.getScope(declarator)) ? null : name;
}

export const codemod = { name: 'stripe-customer-by-id', run, unit: { one: 'lookup', many: 'lookups' } };
export default defineCodemod(codemod);
/** jscodeshift picks the parser from here when run as `jscodeshift -t …/stripe-customer-by-id.js`. */
export const parser = 'tsx';

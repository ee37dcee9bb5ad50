/**
 * `session-scope`: replaces the browser's tenant value (`body.accountId`, `params.orgId`, `formData.get('teamId')`,
 * a server action's argument) in every tenant position `no-client-tenant-id` reports with the session's, and removes
 * the read that is left unused (`accountId` from `const { accountId, body } = await req.json()`).
 *
 * - The value is the rule's own suggestion when the session value in scope is known (not a guess of the session's
 *   shape); otherwise `SessionPlanner` (lib/session.ts) finds or inserts the `--session` call, as in scope-queries.
 *   A destructured read the rewrite frees makes room for the session's value of that name:
 *   `const { userId } = await requireAuth()` becomes `const { userId, accountId } = await requireAuth()`.
 * - A server action's parameter is left in place (removing it changes the action's signature for its callers), with
 *   a review note that it is no longer what scopes the query.
 * - A guard whose promise is dropped gets its `await` (the rule's suggestion; certain).
 * - A Stripe id from the browser, a request object spread into a row or filter, and `supabase.auth.getSession()`
 *   get a `// tenant-guard: review: …` comment: their fix depends on what the code means (which stored id, which
 *   fields to accept, a different result shape), which a codemod cannot know.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isFunction, rootIdentifier, unwrap, type FunctionNode } from '../src/core/ast.js';
import { sessionValueFor } from '../src/core/session.js';
import { readSettings } from '../src/core/settings.js';
import { sessionFieldOf, type TenantPosition } from '../src/core/tenant-positions.js';
import { clientTenantTargets, type ClientTenantTarget } from '../src/codemod-targets.js';
import { defineCodemod, type CodemodInput, type CodemodPlan, type Rewrite } from './lib/codemod.js';
import type { TextEdit } from './lib/edits.js';
import { planReviews, reviewCommentEdits, staleReviewEdits, type NodeReview } from './lib/reviews.js';
import { SessionPlanner, type SessionAnswer } from './lib/session.js';
import { mergeDeletions, UnusedReads } from './lib/unused.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

interface ValueTarget extends ClientTenantTarget {
  position: TenantPosition;
}

interface FileContext {
  sourceCode: SourceCode;
  planner: SessionPlanner;
  sessionFunctions: readonly string[];
  unused: UnusedReads;
  edits: TextEdit[];
  rewrites: Rewrite[];
  reviews: NodeReview[];
  rewritten: Node[];
  /** Server action parameters already noted. */
  noted: Set<Variable>;
}

function run({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const { sourceCode, targets } = clientTenantTargets(source, { filename, cwd, settings: options.settings });
  if (targets.length === 0) return { edits: [], rewrites: [], reviews: [] };
  const settings = readSettings(options.settings ? { 'tenant-guard': options.settings } : undefined);
  const ctx: FileContext = {
    sourceCode,
    planner: new SessionPlanner(sourceCode, filename, options, settings.sessionFunctions),
    sessionFunctions: settings.sessionFunctions,
    unused: new UnusedReads(sourceCode),
    edits: [],
    rewrites: [],
    reviews: [],
    rewritten: [],
    noted: new Set(),
  };
  const values: ValueTarget[] = [];
  // A value behind a guard whose promise was dropped is fixed by awaiting the guard, not by replacing the value.
  const guarded = new Set(
    targets.filter((t) => t.kind === 'unawaited-guard' && t.report.suggestions.length > 0).map((t) => `${t.report.data.call}\0${t.report.data.value}`),
  );
  for (const target of targets) {
    if (target.kind === 'client-value' && guarded.has(`${target.report.data.call}\0${target.report.data.expr}`)) continue;
    switch (target.kind) {
      case 'client-value':
        if (target.position) values.push(target as ValueTarget);
        else review(ctx, target, target.report.message);
        break;
      case 'unawaited-guard':
        awaitGuard(ctx, target);
        break;
      case 'client-stripe':
        review(
          ctx,
          target,
          `the Stripe ${target.report.data.field} \`${target.report.data.expr}\` comes ${target.report.data.source}: pass the id stored on the account you load through the session (\`account.stripeCustomerId\`); which stored id that is cannot be told from here`,
        );
        break;
      case 'spread-tenant':
        review(
          ctx,
          target,
          `\`${target.report.data.spread}\` comes ${target.report.data.source} and can carry \`${target.report.data.field}\`: list the fields you accept and set ${target.report.data.field} from the session (which fields the request may set is yours to say)`,
        );
        break;
      case 'spread-overrides':
        review(
          ctx,
          target,
          `\`${target.report.data.spread}\` comes ${target.report.data.source} and is spread after \`${target.report.data.field}\`, so the request can replace it: spread it first and set ${target.report.data.field} after it, or list the fields you accept`,
        );
        break;
      case 'unverified-session':
        review(
          ctx,
          target,
          `${target.report.data.field} comes from \`supabase.auth.getSession()\`, which reads the cookie without verifying it: use \`supabase.auth.getUser()\` (verified, but a network call with another result shape: \`{ data: { user } }\`)`,
        );
        break;
      default:
        review(ctx, target, target.report.message);
    }
  }
  rewriteValues(ctx, values);

  const session = ctx.planner.edits();
  ctx.edits.push(...session.edits, ...ctx.unused.edits());
  ctx.rewrites.push(...session.rewrites);
  for (const at of ctx.unused.removedAt()) ctx.rewrites.push({ kind: 'cleanup: unused read removed', at });
  ctx.edits.push(...reviewCommentEdits(sourceCode, ctx.reviews));
  ctx.edits.push(...staleReviewEdits(sourceCode, ctx.rewritten, ctx.reviews));
  return { edits: mergeDeletions(sourceCode, ctx.edits), rewrites: ctx.rewrites, reviews: planReviews(ctx.reviews) };
}

function review(ctx: FileContext, target: ClientTenantTarget, reason: string, kind: string = target.kind): void {
  ctx.reviews.push({ kind, at: target.report.node.range[0], reason, node: target.report.node });
}

function awaitGuard(ctx: FileContext, target: ClientTenantTarget): void {
  const suggestion = target.report.suggestions.find((s) => s.messageId === 'awaitGuard');
  if (!suggestion) {
    review(ctx, target, `\`${target.report.data.guard}\` is called outside an async function, so it cannot be awaited there: make the function async, or check before calling it`);
    return;
  }
  ctx.edits.push({ range: suggestion.fix.range, text: suggestion.fix.text });
  ctx.rewrites.push({ kind: 'guard: awaited', at: target.report.node.range[0] });
  ctx.rewritten.push(target.report.node);
}

// Browser values in tenant positions --------------------------------------------------------------------------------

/** The local variable a position's value is, when it is one: `accountId` in `{ accountId }`. */
function valueVariable(ctx: FileContext, target: ValueTarget): Variable | null {
  const value = unwrap(target.position.value);
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  return findVariable(ctx.sourceCode, value);
}

function rewriteValues(ctx: FileContext, targets: ValueTarget[]): void {
  // Targets that read the same variable are decided together: its name is free only if every one of them is rewritten.
  const groups = new Map<Variable | ValueTarget, ValueTarget[]>();
  for (const target of targets) {
    const key = valueVariable(ctx, target) ?? target;
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  for (const [key, group] of groups) {
    const variable = 'defs' in key ? (key as Variable) : null;
    const values = new Set<Node>(group.map((t) => unwrap(t.position.value)));
    const freed = variable && variable.defs[0]?.type === 'Variable' && ctx.unused.removable(variable, values) ? variable : undefined;
    let answers = group.map((t) => answer(ctx, t, freed));
    if (freed && answers.some((a) => !a.ok)) answers = group.map((t) => answer(ctx, t, undefined));
    const committed: ValueTarget[] = [];
    group.forEach((target, i) => {
      const a = answers[i];
      if (!a.ok) {
        // The session is not the only fix: a user who may act for several tenants keeps the id and is checked.
        review(ctx, target, `${a.reason}; or, if a user may act for several, keep \`${target.report.data.expr}\` and check their membership before the query`);
        return;
      }
      a.commit();
      const edit = replacement(ctx.sourceCode, target.position, a.value);
      if (edit) ctx.edits.push(edit);
      ctx.unused.markDead(target.position.value.range);
      ctx.rewrites.push({ kind: a.suggested ? 'tenant: session value (the rule\'s suggestion)' : 'tenant: session value', at: target.report.node.range[0] });
      ctx.rewritten.push(target.report.node);
      committed.push(target);
    });
    if (freed && committed.length === group.length) ctx.unused.remove(freed);
    else {
      // Best effort: what the rewritten values read from (`body` of `body.accountId`) may now be unused.
      for (const target of committed) {
        const root = rootIdentifier(target.position.value);
        const v = root ? findVariable(ctx.sourceCode, root) : null;
        if (v && v.defs[0]?.type === 'Variable' && ctx.unused.removable(v)) ctx.unused.remove(v);
      }
    }
    for (const target of committed) if (target.source === 'action-argument') noteActionParameter(ctx, target);
  }
}

type Answer = (SessionAnswer & { ok: true; suggested?: boolean }) | (SessionAnswer & { ok: false });

function answer(ctx: FileContext, target: ValueTarget, freed: Variable | undefined): Answer {
  const position = target.position;
  const field = sessionFieldOf(position);
  // The rule's suggestion, when it names a value the code holds rather than a guess of the session's shape.
  const suggestion = target.report.suggestions.find((s) => s.messageId === 'useSessionValue');
  if (suggestion) {
    const known = sessionValueFor(position.at, field, ctx.sessionFunctions, { guess: false });
    if (known !== null && known === sessionValueFor(position.at, field, ctx.sessionFunctions)) {
      return { ok: true, value: known, commit: () => {}, suggested: true };
    }
  }
  return ctx.planner.valueFor(position.at, field, { freed });
}

/** `accountId: value` for `{ accountId }`, else the value in place of the browser's; null when the text is already it. */
function replacement(sourceCode: SourceCode, position: TenantPosition, value: string): TextEdit | null {
  const prop = position.property;
  if (prop?.shorthand) {
    const key = sourceCode.getText(prop.key);
    return key === value ? null : { range: prop.range, text: `${key}: ${value}` };
  }
  // `accountId: body.accountId` with the session's `accountId` in scope reads best as `accountId`.
  if (prop && prop.value === position.value && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === value) {
    return { range: prop.range, text: value };
  }
  return sourceCode.getText(position.value as Node) === value ? null : { range: position.value.range, text: value };
}

/** A server action's argument no longer scopes the query; the parameter stays, since its callers pass it. */
function noteActionParameter(ctx: FileContext, target: ValueTarget): void {
  const root = rootIdentifier(target.position.value);
  const variable = root ? findVariable(ctx.sourceCode, root) : null;
  const def = variable?.defs[0];
  if (!variable || def?.type !== 'Parameter' || ctx.noted.has(variable)) return;
  ctx.noted.add(variable);
  const fn = def.node as FunctionNode;
  const stillUsed = variable.references.some((r) => !ctx.rewritten.some((n) => n.range[0] <= r.identifier.range[0] && r.identifier.range[1] <= n.range[1]));
  const name = functionName(fn);
  const reason = stillUsed
    ? `\`${root!.name}\` of ${name} is chosen by the browser and still used elsewhere in it: check those uses; the query now takes the session's value`
    : `\`${root!.name}\` of ${name} is no longer used (the query takes the session's value): remove it here and where the action is called; the codemod keeps it because that changes the action's signature`;
  ctx.reviews.push({ kind: 'action-argument', at: def.name.range[0], reason, node: def.name as Node });
}

function functionName(fn: FunctionNode): string {
  if (fn.id) return `\`${fn.id.name}\``;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return `\`${parent.id.name}\``;
  return isFunction(fn) ? 'the action' : 'the function';
}

export const codemod = { name: 'session-scope', run, unit: { one: 'tenant value', many: 'tenant values' } };
export default defineCodemod(codemod);
/** jscodeshift picks the parser from here when run as `jscodeshift -t …/session-scope.js`. */
export const parser = 'tsx';

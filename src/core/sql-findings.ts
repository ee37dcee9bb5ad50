/**
 * From the verdicts of sql-scope.ts to the findings the rule reports, for the layers that use it (raw SQL, Kysely),
 * with the justifications the Prisma path applies where they carry over: admin code, sign-in flows and credential
 * lookups, an ownership check on the row after the lookup, an access-check helper before it, ids that are the
 * session's or that a subquery yields, and — unless `reportHelperLookups` — ids a helper's caller passes in.
 */
import type { LayerContext, LayerFinding } from './data-layers.js';
import type { Node } from './ast.js';
import { hasAccessCheckBefore, hasOwnershipCheckAfter, isInAdminContext } from './guards.js';
import { valueOrigin } from './request-input.js';
import type { SqlValue, Verdict } from './sql-scope.js';

/** Columns that identify a user or token in sign-in and verification flows (as in the Prisma path). */
const CREDENTIAL_COLUMN = /(email|token|secret|hash|apikey|api_key|key|code|otp|identifier|provider)/i;

const isCredentialLookup = (columns: readonly string[]) =>
  columns.length > 0 && columns.every((c) => CREDENTIAL_COLUMN.test(c) && !/^id$/i.test(c));

export interface FindingSite<V extends Verdict = Verdict> {
  /** Where the finding is shown. */
  node: Node;
  /** The query expression (the call or tagged template), for the checks around it. */
  at: Node;
  call: string;
  fix: (verdict: V) => string;
  insert?: (verdict: V) => { at: number; text: string } | undefined;
  /** The code that gives a value; null when it comes from code out of view (then nothing is known about it). */
  valueNodes: (value: SqlValue) => Node[] | null;
}

export function findingsFor<V extends Verdict>(verdicts: readonly V[], site: FindingSite<V>, ctx: LayerContext): LayerFinding[] {
  if (verdicts.length === 0 || isInAdminContext(site.at, ctx.sourceCode)) return [];
  const findings: LayerFinding[] = [];
  // A keyed lookup that is justified (an id vouched for, an ownership check) scopes the rows joined to it as well:
  // `FROM "View" v JOIN "Document" d ON v."documentId" = d.id WHERE v."viewerId" = ${checkedId}`.
  if (verdicts.some((v) => v.kind === 'unscoped-unique' && isJustifiedLookup(v, site, ctx))) return [];
  for (const verdict of verdicts) {
    if (verdict.kind === 'unscoped') {
      if (verdict.equalities.length > 0 && (ctx.inAuthFlow || isCredentialLookup(verdict.equalities))) continue;
    } else if (isJustifiedLookup(verdict, site, ctx)) {
      continue;
    }
    // One finding per query: the first table it leaks is enough to fix, and the fix usually scopes the rest.
    if (findings.length > 0) break;
    findings.push({
      kind: verdict.kind,
      node: site.node,
      call: site.call,
      table: verdict.table.sqlName,
      field: verdict.table.tenantColumns[0].sqlName,
      verb: verdict.verb,
      keys: verdict.kind === 'unscoped-unique' ? verdict.keys : undefined,
      fix: site.fix(verdict),
      insert: site.insert?.(verdict),
    });
  }
  return findings;
}

function isJustifiedLookup<V extends Verdict>(verdict: V, site: FindingSite<V>, ctx: LayerContext): boolean {
  if (ctx.inAuthFlow || verdict.readsOnlyKeys) return true;
  const tenantColumns = verdict.table.tenantColumns.flatMap((c) => [c.sqlName, c.key]);
  if (hasOwnershipCheckAfter(site.at, tenantColumns, ctx.accessCheckFunctions)) return true;
  if (hasAccessCheckBefore(site.at, ctx.accessCheckFunctions)) return true;
  const origins: string[] = [];
  for (const value of verdict.keyValues) {
    if (value.fromQuery) continue; // ids out of a subquery, which is checked on its own
    const nodes = site.valueNodes(value);
    if (nodes === null) return true; // a value we cannot see: unknown, not reported
    if (nodes.length === 0) origins.push('other'); // a literal in the SQL text
    for (const node of nodes) {
      origins.push(ctx.vouchedFor(node, site.at) ? 'vouched' : valueOrigin(node, ctx.filename, ctx.sourceCode, ctx.settings.sessionFunctions));
    }
  }
  const unvouched = origins.filter((o) => o !== 'session' && o !== 'vouched');
  if (unvouched.length === 0) return true;
  return !ctx.reportHelperLookups && unvouched.every((o) => o === 'helper-parameter');
}

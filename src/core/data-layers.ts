/**
 * The data layers `require-tenant-scope` checks besides Prisma (whose richer analysis lives in prisma-*.ts):
 * each layer is a recogniser module that looks at the nodes it cares about and returns findings in one shape, which
 * the rule words with the same messages for every layer. Adding a layer is adding its module to `DATA_LAYERS`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Node } from './ast.js';
import { drizzleLayer } from './drizzle.js';
import { kyselyLayer } from './kysely.js';
import { rawSqlLayer } from './raw-sql.js';
import type { TenantGuardSettings } from './settings.js';
import { supabaseLayer } from './supabase.js';
import type { TableSet } from './tables.js';
import type { TenantModel } from './tenant-model.js';
import type { TypeHelper } from './types.js';

export interface LayerContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  filename: string;
  cwd: string;
  settings: TenantGuardSettings;
  /** The raw `settings` object ESLint passed (for discovery functions that key caches on it). */
  rawSettings: Readonly<Record<string, unknown>> | undefined;
  /** The Prisma tenant model (loaded on first use). */
  prisma: () => TenantModel;
  /** Every table known for this file, from every source (loaded on first use). */
  tables: () => TableSet;
  types: TypeHelper;
  accessCheckFunctions: readonly string[];
  inAuthFlow: boolean;
  reportHelperLookups: boolean;
  /**
   * Was this id vouched for before `at` by the Prisma code around it (an earlier scoped lookup whose empty result
   * ends the request, a row a scoped query returned, a session value)? False when the project has no Prisma schema.
   */
  vouchedFor: (value: Node, at: Node) => boolean;
  /** Check queries on clients that run under Row Level Security too (Supabase user-bound clients). */
  requireFilterWithRls: boolean;
  /** Report raw SQL that looks like a statement but does not parse (`unparsable-sql`); otherwise it is skipped. */
  reportUnparsableSql: boolean;
}

export interface LayerFinding {
  /**
   * `unscoped`: no tenant predicate at all; `unscoped-unique`: found by ids that are not the tenant (IDOR);
   * `unparsable-sql`: raw SQL that could not be checked (only with `reportUnparsableSql`; `reason` says where).
   */
  kind: 'unscoped' | 'unscoped-unique' | 'maybe-undefined' | 'unparsable-sql';
  node: Node;
  /** The query as the message shows it: `db.select().from(invoices)`, `supabase.from('invoices').select()`. */
  call: string;
  /** The table as the code names it. */
  table: string;
  /** The tenant column, spelled as this layer spells it (`teamId` in Drizzle, `team_id` in Supabase and SQL). */
  field: string;
  verb: 'reads' | 'changes';
  /** For `unscoped-unique`: the identifying keys used. */
  keys?: string[];
  /** For `maybe-undefined`: the value that may be undefined. */
  value?: Node;
  /** The fix in this layer's syntax, with `{value}` where the session's tenant goes: `.where(eq(invoices.teamId, {value}))`. */
  fix: string;
  /** When the fix can be offered as a suggestion: insert `text` (with `{value}`) at `at`. */
  insert?: { at: number; text: string };
  /** For `unparsable-sql`: where the parser stopped (`line 1, column 22`). */
  reason?: string;
}

export interface DataLayer {
  name: string;
  CallExpression?: (node: TSESTree.CallExpression, ctx: LayerContext) => LayerFinding[];
  TaggedTemplateExpression?: (node: TSESTree.TaggedTemplateExpression, ctx: LayerContext) => LayerFinding[];
}

export const DATA_LAYERS: DataLayer[] = [drizzleLayer, supabaseLayer, kyselyLayer, rawSqlLayer];

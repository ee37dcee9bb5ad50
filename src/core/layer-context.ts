/**
 * The `LayerContext` a rule hands to the data-layer recognisers, built from ESLint's rule context. Every rule that
 * asks the core about queries builds it here, so the tenant model, the table set and the type helper are loaded
 * lazily and once per file whichever rule asks first.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { LayerContext } from './data-layers.js';
import { isVouchedForByPrisma } from './prisma-findings.js';
import type { ScopeContext } from './prisma-scope.js';
import { readSettings } from './settings.js';
import { tablesForFile } from './table-discovery.js';
import type { TableSet } from './tables.js';
import { getTenantModel, type TenantModel } from './tenant-model.js';
import { createTypeHelper, type TypeHelper } from './types.js';

export interface LayerOptions {
  accessCheckFunctions: readonly string[];
  inAuthFlow: boolean;
  reportHelperLookups: boolean;
  requireFilterWithRls: boolean;
  reportUnparsableSql: boolean;
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export function createLayerContext(context: AnyRuleContext, options: LayerOptions): LayerContext {
  const { filename, cwd, sourceCode } = context;
  const rawSettings = context.settings;
  let prisma: TenantModel | undefined;
  let tables: TableSet | undefined;
  let types: TypeHelper | undefined;
  const getPrisma = () => (prisma ??= getTenantModel(filename, cwd, rawSettings));
  const getTypes = () => (types ??= createTypeHelper(context));
  return {
    sourceCode,
    filename,
    cwd,
    settings: readSettings(rawSettings),
    rawSettings,
    prisma: getPrisma,
    tables: () => (tables ??= tablesForFile({ filename, cwd, rawSettings, prisma: getPrisma() })),
    get types() {
      return getTypes();
    },
    accessCheckFunctions: options.accessCheckFunctions,
    inAuthFlow: options.inAuthFlow,
    reportHelperLookups: options.reportHelperLookups,
    vouchedFor: (value, at) => {
      const model = getPrisma();
      if (model.models.size === 0) return false;
      const client = { sourceCode, filename, extraClientNames: model.settings.prismaClientNames };
      const scope: ScopeContext = { sourceCode, tenant: model, at, mayBeUndefined: getTypes().mayBeUndefined };
      return isVouchedForByPrisma(value, at, scope, client, { accessCheckFunctions: options.accessCheckFunctions, filename });
    },
    requireFilterWithRls: options.requireFilterWithRls,
    reportUnparsableSql: options.reportUnparsableSql,
  };
}

/**
 * Recognises Prisma queries: `<client>.<delegate>.<operation>(args)` where the delegate is a model of the schema and
 * the client is a Prisma client by evidence — a `new PrismaClient()` binding, an `$extends` result, a transaction
 * client, an import from a module that constructs one — or, when the evidence is out of reach (an import alias
 * we cannot resolve, a tRPC `ctx.db`), by the names Prisma clients go by. The delegate must still match a model
 * and the method a Prisma operation, which is what keeps a `Map#delete` or an HTTP client out.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, memberName, unwrap, type Node } from './ast.js';
import type { ModelInfo, TenantModel } from './tenant-model.js';
import { moduleMatches, resolveImport } from './modules.js';
import type { TypeHelper } from './types.js';

/** Operations that can return or change many rows. */
export const MANY_ROW_OPERATIONS = new Set(['findMany', 'count', 'aggregate', 'groupBy', 'updateMany', 'deleteMany', 'updateManyAndReturn']);
/** Operations that address one row by a filter. */
export const SINGLE_ROW_OPERATIONS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'update',
  'upsert',
  'delete',
]);
/** Operations that take a `where`: what require-tenant-scope checks. */
export const FILTERING_OPERATIONS: ReadonlySet<string> = new Set([...MANY_ROW_OPERATIONS, ...SINGLE_ROW_OPERATIONS]);
/** Operations that write a row's fields from `data` (or `create`/`update` for upsert). */
export const CREATE_OPERATIONS: ReadonlySet<string> = new Set(['create', 'createMany', 'createManyAndReturn']);
export const WRITE_OPERATIONS = new Set(['update', 'upsert', 'delete', 'updateMany', 'deleteMany', 'updateManyAndReturn']);

export interface PrismaQuery {
  call: TSESTree.CallExpression;
  /** `db.invoice` */
  delegate: TSESTree.MemberExpression;
  model: ModelInfo;
  operation: string;
  /** The first argument, when there is one. */
  args: TSESTree.CallExpressionArgument | undefined;
}

/** Names a Prisma client is conventionally bound to. Matching is exact or by the word `prisma`. */
const CLIENT_NAMES = new Set(['prisma', 'db', 'database', 'client', 'prismaClient', 'tx', 'trx', 'transaction', 'orm', 'prismaTx']);
/** Factories of other database clients: a binding made by one of these is not Prisma whatever its name. */
const OTHER_CLIENT_FACTORIES = new Set(['drizzle', 'createClient', 'createServerClient', 'createBrowserClient', 'postgres', 'knex', 'Kysely', 'neon', 'Pool', 'createPool', 'mongoose']);
const OTHER_CLIENT_MODULES = /(^|\/)(drizzle-orm|@supabase|kysely|knex|mongoose|typeorm|sequelize|mongodb|pg|postgres|@neondatabase|redis|ioredis)(\/|$)/;

export interface ClientContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  filename: string;
  extraClientNames: readonly string[];
  /** With type information, the receiver's type decides (a `db` that is an in-memory store is not Prisma). */
  types?: TypeHelper;
}

/**
 * Types a Prisma client goes by: `PrismaClient` (and the `DefaultPrismaClient` it extends), a transaction client
 * (`Prisma.TransactionClient`, an `Omit<PrismaClient, …>`), an `$extends` result (`DynamicClientExtensionThis`).
 */
const PRISMA_TYPES = /PrismaClient|^TransactionClient$|^DynamicClientExtensionThis$|^PrismaPromise$/;

function isClientName(name: string, ctx: ClientContext): boolean {
  return CLIENT_NAMES.has(name) || /prisma/i.test(name) || ctx.extraClientNames.includes(name);
}

/** Is this expression a Prisma client (or a transaction / extended client)? */
export function isPrismaClient(node: Node, ctx: ClientContext, depth = 0): boolean {
  if (depth > 6) return false;
  const value = unwrap(node);
  if (depth === 0 && ctx.types) {
    // Anonymous object types (`{ invoice: … }`) and `Omit<PrismaClient, …>` name nothing: the syntax decides those.
    const names = ctx.types.typeNames(value)?.filter((n) => n !== '__type' && n !== '__object');
    if (names && names.length > 0 && !names.includes('Omit')) return names.some((n) => PRISMA_TYPES.test(n));
  }
  switch (value.type) {
    case AST_NODE_TYPES.Identifier:
      return isPrismaClientIdentifier(value, ctx, depth);
    case AST_NODE_TYPES.MemberExpression: {
      // `this.prisma`, `ctx.db` (tRPC), `globalForPrisma.prisma`
      const name = memberName(value);
      return name !== null && isClientName(name, ctx);
    }
    case AST_NODE_TYPES.NewExpression:
      return calleeName(value) === 'PrismaClient';
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(value);
      if (name === '$extends' && value.callee.type === AST_NODE_TYPES.MemberExpression) {
        return isPrismaClient(value.callee.object, ctx, depth + 1);
      }
      return name !== null && /^(get|create|use)?(prisma|db|database)(client)?$/i.test(name);
    }
    case AST_NODE_TYPES.LogicalExpression:
      return isPrismaClient(value.left, ctx, depth + 1) || isPrismaClient(value.right, ctx, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return isPrismaClient(value.consequent, ctx, depth + 1) || isPrismaClient(value.alternate, ctx, depth + 1);
    case AST_NODE_TYPES.AwaitExpression:
      return isPrismaClient(value.argument, ctx, depth + 1);
    default:
      return false;
  }
}

function isPrismaClientIdentifier(id: TSESTree.Identifier, ctx: ClientContext, depth: number): boolean {
  const variable = findVariable(ctx.sourceCode, id);
  const def = variable?.defs[0];
  if (!def) return isClientName(id.name, ctx); // a global, e.g. declared in a .d.ts
  switch (def.type) {
    case 'Variable': {
      const declarator = def.node as TSESTree.VariableDeclarator;
      const init = declarator.init;
      if (!init || declarator.id.type !== AST_NODE_TYPES.Identifier) return isClientName(id.name, ctx);
      const initValue = unwrap(init);
      if (isOtherClientFactory(initValue)) return false;
      if (isPrismaClient(initValue, ctx, depth + 1)) return true;
      // An opaque initialiser (`getClient()`): fall back to the name.
      return initValue.type === AST_NODE_TYPES.CallExpression && isClientName(id.name, ctx);
    }
    case 'ImportBinding': {
      const declaration = def.parent as TSESTree.ImportDeclaration;
      const source = declaration.source.value;
      if (source === '@prisma/client' || source.startsWith('@prisma/') || OTHER_CLIENT_MODULES.test(source)) return false;
      const evidence = moduleConstructsPrisma(source, ctx.filename);
      if (evidence !== null) return evidence || isClientName(id.name, ctx);
      return isClientName(id.name, ctx);
    }
    case 'Parameter':
      return isTransactionCallbackParameter(def.name as TSESTree.Identifier, ctx, depth) || hasPrismaTypeAnnotation(def.name) || isClientName(id.name, ctx);
    default:
      return false;
  }
}

function isOtherClientFactory(node: Node): boolean {
  let value = node;
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = calleeName(value);
  return name !== null && OTHER_CLIENT_FACTORIES.has(name);
}

/** `prisma.$transaction(async (tx) => …)`: `tx` is a client. */
function isTransactionCallbackParameter(param: TSESTree.Identifier, ctx: ClientContext, depth: number): boolean {
  const fn = param.parent;
  if (!fn || (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)) return false;
  const call = fn.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(call.callee) === '$transaction' &&
    isPrismaClient(call.callee.object, ctx, depth + 1)
  );
}

function hasPrismaTypeAnnotation(param: Node): boolean {
  const annotation = (param as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = annotation.typeName;
  const text = name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : '';
  return /PrismaClient|TransactionClient|^Prisma/.test(text);
}

// Module evidence ---------------------------------------------------------------------------------------------------

const MAKES_PRISMA = /\bPrismaClient\b|@prisma\/client|\$extends\(/;
const MAKES_OTHER_CLIENT = /\bdrizzle\(|@supabase\/|new Kysely\b/;

/**
 * Does the imported module construct or re-export a Prisma client? `null` when it cannot be read (a package name or
 * an alias we do not resolve) or shows neither (a re-export, a wrapper): the caller then decides by name.
 */
function moduleConstructsPrisma(source: string, fromFile: string): boolean | null {
  const file = resolveImport(source, fromFile);
  if (!file) return null;
  if (moduleMatches(file, MAKES_PRISMA)) return true;
  return moduleMatches(file, MAKES_OTHER_CLIENT) ? false : null;
}

// Queries -------------------------------------------------------------------------------------------------------------

/** The Prisma query this call makes on a model of the tenant model, or null. Cheap checks first: this runs per call. */
export function matchPrismaQuery(
  call: TSESTree.CallExpression,
  tenant: TenantModel,
  ctx: ClientContext,
  operations: ReadonlySet<string> = FILTERING_OPERATIONS,
): PrismaQuery | null {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const operation = memberName(callee);
  if (!operation || !operations.has(operation)) return null;
  const delegate = unwrap(callee.object);
  if (delegate.type !== AST_NODE_TYPES.MemberExpression) return null;
  const delegateName = memberName(delegate);
  if (!delegateName) return null;
  const model = tenant.byDelegate.get(delegateName);
  if (!model) return null;
  if (!isPrismaClient(delegate.object, ctx)) return null;
  return { call, delegate, model, operation, args: call.arguments[0] };
}

/** A cheap pre-filter for a call that looks like `x.y.findMany(...)`, used before the tenant model is even loaded. */
export function looksLikePrismaCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = callee.property.name;
  return (MANY_ROW_OPERATIONS.has(name) || SINGLE_ROW_OPERATIONS.has(name)) && unwrap(callee.object).type === AST_NODE_TYPES.MemberExpression;
}

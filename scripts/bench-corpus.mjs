// Deterministic synthetic Next.js App Router + Prisma corpus for `npm run bench` (scripts/bench.mjs).
//
// `generateCorpus({ root, files, seed })` wipes `root` and writes:
//   prisma/schema.prisma      17 models: Account/Team/User roots, tenant-owned models (accountId/teamId/userId),
//                             and public ones (Plan, Country)
//   lib/db.ts, lib/auth.ts, lib/tenant.ts, package.json, tsconfig.json
//   `files` generated modules: route handlers (app/api/**/route.ts, [id]/route.ts), Server Components (page.tsx),
//   server actions ('use server'), client components ('use client', no queries), and utility modules (some of which
//   are data-access helpers with queries).
//
// Every Prisma query it writes is recorded in the returned manifest with its line range and a label:
//   scoped     filtered (or written) by the model's tenant field, in one of several ways
//   unscoped   reads/writes tenant-owned rows without the tenant field (a leak the rule should report)
//   public     a query on a public model (Plan, Country)
//   ambiguous  depends on the rule's policy (root row by id, relation filters, helper spreads, creates without tenant)
// The bench uses the labels to compare what was planted with what the rule reports. Only a seeded PRNG is used,
// so the same (files, seed) always produces byte-identical files.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CORPUS_VERSION = 1;
export const DEFAULT_SEED = 0x7e4a47;

// ---------------------------------------------------------------------------------------------------------------
// PRNG

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  /** `[[weight, value], ...]` → value */
  weighted(entries) {
    let total = 0;
    for (const [w] of entries) total += w;
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][1];
  }
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Data model

const ENUMS = {
  Role: ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'],
  ProjectStatus: ['active', 'paused', 'archived'],
  TaskStatus: ['todo', 'in_progress', 'blocked', 'done'],
  InvoiceStatus: ['draft', 'open', 'paid', 'void', 'uncollectible'],
  SubscriptionStatus: ['trialing', 'active', 'past_due', 'canceled'],
};

// f: how a field can be filtered: text | enum | int | bool | date. rel: relation to another model (foreign key).
const F = (n, type, f, extra = {}) => ({ n, type, f, ...extra });

const MODELS = [
  {
    name: 'Account',
    root: true,
    fields: [F('name', 'String', 'text'), F('slug', 'String @unique', 'text'), F('billingEmail', 'String?', 'text'), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'plan', fk: 'planId', to: 'Plan', optional: true }],
  },
  {
    name: 'User',
    tenant: 'accountId',
    root: true,
    fields: [F('email', 'String @unique', 'text'), F('name', 'String?', 'text'), F('role', 'Role @default(MEMBER)', 'enum', { enumName: 'Role' }), F('lastSeenAt', 'DateTime?', 'date'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'Team',
    tenant: 'accountId',
    root: true,
    fields: [F('name', 'String', 'text'), F('slug', 'String', 'text'), F('archived', 'Boolean @default(false)', 'bool'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'Membership',
    tenant: 'teamId',
    fields: [F('role', 'Role @default(MEMBER)', 'enum', { enumName: 'Role' }), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'user', fk: 'userId', to: 'User' }],
  },
  {
    name: 'Project',
    tenant: 'accountId',
    fields: [F('name', 'String', 'text'), F('status', 'ProjectStatus @default(active)', 'enum', { enumName: 'ProjectStatus' }), F('budget', 'Int @default(0)', 'int'), F('dueDate', 'DateTime?', 'date'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'Task',
    tenant: 'teamId',
    fields: [F('title', 'String', 'text'), F('status', 'TaskStatus @default(todo)', 'enum', { enumName: 'TaskStatus' }), F('priority', 'Int @default(0)', 'int'), F('dueAt', 'DateTime?', 'date'), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'project', fk: 'projectId', to: 'Project', optional: true }],
  },
  {
    name: 'Invoice',
    tenant: 'accountId',
    fields: [F('number', 'String', 'text'), F('status', 'InvoiceStatus @default(draft)', 'enum', { enumName: 'InvoiceStatus' }), F('amount', 'Int', 'int'), F('currency', 'String @default("usd")', 'text'), F('dueAt', 'DateTime', 'date'), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'customer', fk: 'customerId', to: 'Customer' }],
  },
  {
    name: 'Customer',
    tenant: 'accountId',
    fields: [F('name', 'String', 'text'), F('email', 'String', 'text'), F('archived', 'Boolean @default(false)', 'bool'), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'country', fk: 'countryId', to: 'Country', optional: true }],
  },
  {
    name: 'Subscription',
    tenant: 'accountId',
    fields: [F('status', 'SubscriptionStatus', 'enum', { enumName: 'SubscriptionStatus' }), F('seats', 'Int @default(1)', 'int'), F('renewsAt', 'DateTime', 'date'), F('cancelAtPeriodEnd', 'Boolean @default(false)', 'bool')],
    rels: [{ n: 'plan', fk: 'planId', to: 'Plan' }],
  },
  {
    name: 'Document',
    tenant: 'teamId',
    fields: [F('title', 'String', 'text'), F('body', 'String', 'text'), F('published', 'Boolean @default(false)', 'bool'), F('updatedAt', 'DateTime @updatedAt', 'date')],
  },
  {
    name: 'Comment',
    tenant: 'userId',
    fields: [F('body', 'String', 'text'), F('resolved', 'Boolean @default(false)', 'bool'), F('createdAt', 'DateTime @default(now())', 'date')],
    rels: [{ n: 'document', fk: 'documentId', to: 'Document' }],
  },
  {
    name: 'Notification',
    tenant: 'userId',
    fields: [F('kind', 'String', 'text'), F('read', 'Boolean @default(false)', 'bool'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'ApiKey',
    tenant: 'accountId',
    fields: [F('label', 'String', 'text'), F('prefix', 'String @unique', 'text'), F('revoked', 'Boolean @default(false)', 'bool'), F('lastUsedAt', 'DateTime?', 'date')],
  },
  {
    name: 'AuditLog',
    tenant: 'accountId',
    fields: [F('action', 'String', 'text'), F('actorId', 'String', 'text'), F('ip', 'String?', 'text'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'Webhook',
    tenant: 'accountId',
    fields: [F('url', 'String', 'text'), F('enabled', 'Boolean @default(true)', 'bool'), F('secret', 'String', 'text'), F('failures', 'Int @default(0)', 'int'), F('createdAt', 'DateTime @default(now())', 'date')],
  },
  {
    name: 'Plan',
    public: true,
    fields: [F('name', 'String', 'text'), F('priceCents', 'Int', 'int'), F('interval', 'String', 'text'), F('active', 'Boolean @default(true)', 'bool')],
  },
  {
    name: 'Country',
    public: true,
    fields: [F('code', 'String @unique', 'text'), F('name', 'String', 'text'), F('euMember', 'Boolean @default(false)', 'bool')],
  },
];

const TENANT_ROOT = { accountId: 'Account', teamId: 'Team', userId: 'User' };
const BY_NAME = new Map(MODELS.map((m) => [m.name, m]));

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const plural = (s) => (/[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : s.endsWith('s') ? `${s}es` : `${s}s`);

for (const m of MODELS) {
  m.delegate = lowerFirst(m.name);
  m.singular = lowerFirst(m.name); // invoice, apiKey
  m.plural = plural(m.singular); // invoices, apiKeys
  m.slug = kebab(plural(m.name)); // invoices, api-keys
  m.label = plural(m.name).replace(/([a-z])([A-Z])/g, '$1 $2'); // Api Keys
  m.textField = (m.fields.find((f) => f.f === 'text' && f.n !== 'secret') ?? m.fields.find((f) => f.f === 'enum') ?? { n: 'id' }).n;
  m.filterable = m.fields.filter((f) => f.n !== 'secret' && f.n !== 'slug' && !f.type.includes('@unique'));
}

const TENANT_MODELS = MODELS.filter((m) => m.tenant);
const PUBLIC_MODELS = MODELS.filter((m) => m.public);
/** Entities that get their own pages/routes; weighted toward the usual SaaS suspects. */
const ENTITY_WEIGHTS = [
  [9, 'Invoice'], [8, 'Project'], [8, 'Task'], [7, 'Customer'], [6, 'Document'], [5, 'Subscription'], [4, 'Comment'],
  [4, 'Notification'], [4, 'ApiKey'], [4, 'AuditLog'], [4, 'Webhook'], [3, 'Membership'], [3, 'Team'], [3, 'User'],
  [1, 'Plan'], [1, 'Country'],
];

function schemaText() {
  const backRels = new Map(MODELS.map((m) => [m.name, []]));
  for (const m of MODELS) {
    if (m.tenant) backRels.get(TENANT_ROOT[m.tenant]).push(m.name);
    for (const r of m.rels ?? []) backRels.get(r.to).push(m.name);
  }
  const out = [
    '// Generated by scripts/bench-corpus.mjs. Do not edit.',
    'generator client {',
    '  provider = "prisma-client-js"',
    '}',
    '',
    'datasource db {',
    '  provider = "postgresql"',
    '  url      = env("DATABASE_URL")',
    '}',
    '',
  ];
  for (const [name, values] of Object.entries(ENUMS)) {
    out.push(`enum ${name} {`, ...values.map((v) => `  ${v}`), '}', '');
  }
  for (const m of MODELS) {
    const rows = [['id', 'String', '@id @default(cuid())']];
    for (const f of m.fields) {
      const [type, ...attrs] = f.type.split(' ');
      rows.push([f.n, type, attrs.join(' ')]);
    }
    const rels = [...(m.tenant ? [{ n: lowerFirst(TENANT_ROOT[m.tenant]), fk: m.tenant, to: TENANT_ROOT[m.tenant], cascade: true }] : []), ...(m.rels ?? [])];
    for (const r of rels) {
      const opt = r.optional ? '?' : '';
      rows.push([r.fk, `String${opt}`, '']);
      rows.push([r.n, `${r.to}${opt}`, `@relation(fields: [${r.fk}], references: [id]${r.cascade ? ', onDelete: Cascade' : ''})`]);
    }
    for (const child of backRels.get(m.name)) rows.push([plural(lowerFirst(child)), `${child}[]`, '']);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    out.push(`model ${m.name} {`);
    for (const [a, b, c] of rows) out.push(`  ${a.padEnd(w0)} ${c ? b.padEnd(w1) + ' ' + c : b}`.trimEnd());
    if (m.tenant) out.push('', `  @@index([${m.tenant}])`);
    if (m.name === 'Team') out.push('  @@unique([accountId, slug])');
    out.push('}', '');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

// No `admin` (or `cron`, `scripts`, `auth`) area: the rule skips such paths by design, and the bench is about code it checks.
const AREAS = ['billing', 'crm', 'accounts', 'reports', 'settings', 'workspace', 'analytics', 'support', 'ops', 'growth', 'finance', 'sales', 'marketing', 'platform', 'internal', 'partners', 'portal', 'studio', 'insights', 'compliance', 'integrations', 'dashboard', 'team', 'org'];
const SUBS = ['v1', 'v2', 'beta', 'legacy', 'exports', 'sync', 'bulk', 'public', 'internal', 'preview', 'archive', 'shared', 'mobile', 'edge'];
const GROUPS = ['(dashboard)', '(app)', '(workspace)', '(console)', '(settings)', '(marketing)'];
const RESULT_NAMES = ['rows', 'items', 'records', 'results', 'list', 'entries', 'data'];
const AUTH_FNS = [[6, 'requireAuth'], [2, 'getCurrentSession'], [2, 'requireUser'], [1, 'requireSession'], [1, 'getTenantContext']];
const SESSION_VARS = ['session', 'auth', 'ctx', 'viewer', 'current', 'me', 'tenant'];
const TX_NAMES = ['tx', 'tx', 'trx', 'prismaTx', 't'];
const WIDGETS = ['table', 'list', 'form', 'filters', 'card', 'dialog', 'toolbar', 'empty-state', 'row-actions', 'search', 'picker', 'panel'];
const UTIL_NAMES = ['format', 'dates', 'money', 'validation', 'pagination', 'strings', 'errors', 'csv', 'permissions', 'retry', 'constants', 'url', 'colors', 'sort', 'ids', 'feature-flags', 'cache-keys', 'mappers'];

// ---------------------------------------------------------------------------------------------------------------
// Object-literal rendering (prettier-ish: inline when it fits in 90 columns)

const obj = (...props) => ({ t: 'obj', p: props.filter(Boolean) });
const arr = (...items) => ({ t: 'arr', items });
const kv = (k, v) => ({ k, v });
const short = (name) => ({ short: name });
const spread = (expr) => ({ spread: expr });

function inline(node) {
  if (typeof node === 'string') return node;
  if (node.t === 'obj') return node.p.length ? `{ ${node.p.map(inlineProp).join(', ')} }` : '{}';
  return `[${node.items.map(inline).join(', ')}]`;
}
function inlineProp(p) {
  if (p.spread !== undefined) return `...${inline(p.spread)}`;
  if (p.short !== undefined) return p.short;
  return `${p.k}: ${inline(p.v)}`;
}
function render(node, indent, col) {
  const s = inline(node);
  if (typeof node === 'string' || indent.length + col + s.length <= 90) return s;
  const inner = `${indent}  `;
  if (node.t === 'obj') return `{\n${node.p.map((p) => `${inner}${renderProp(p, inner)},`).join('\n')}\n${indent}}`;
  return `[\n${node.items.map((i) => `${inner}${render(i, inner, 0)},`).join('\n')}\n${indent}]`;
}
function renderProp(p, indent) {
  if (p.spread !== undefined) return `...${render(p.spread, indent, 3)}`;
  if (p.short !== undefined) return p.short;
  return `${p.k}: ${render(p.v, indent, p.k.length + 2)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Line-tracking code blocks

class Block {
  constructor() {
    this.lines = [];
    this.queries = [];
  }
  line(...lines) {
    for (const l of lines) for (const part of l.split('\n')) this.lines.push(part);
    return this;
  }
  add(block, indent = '') {
    const off = this.lines.length;
    for (const l of block.lines) this.lines.push(l ? indent + l : l);
    for (const q of block.queries) this.queries.push({ ...q, start: q.start + off, end: q.end + off });
    return this;
  }
  /** Appends `text` (possibly multi-line) and records it as a query spanning those lines. */
  query(text, meta) {
    const start = this.lines.length + 1;
    this.line(text);
    this.queries.push({ ...meta, start, end: this.lines.length });
  }
  get length() {
    return this.lines.length;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Function context: where the tenant id comes from, which locals the body needs

class Fn {
  constructor(g, kind) {
    this.g = g;
    this.rng = g.rng;
    this.kind = kind; // route | page | action | util
    this.needs = new Set();
    this.tenantFieldsUsed = new Set();
    this.scopeVars = new Map();
    this.names = new Set();
    this.client = 'db';
    const r = this.rng;
    if (kind === 'util') {
      this.source = 'param';
    } else {
      this.source = r.weighted([[5, 'member'], [4, 'destructure'], [1, 'nested']]);
      this.sessionVar = g.sessionVar;
    }
  }
  /** The expression holding the verified tenant id for `field` (accountId | teamId | userId). */
  tenant(field) {
    this.tenantFieldsUsed.add(field);
    if (this.source === 'param' || this.source === 'destructure') return field;
    if (this.source === 'nested') return `${this.sessionVar}.${lowerFirst(TENANT_ROOT[field])}.id`;
    return `${this.sessionVar}.${field}`;
  }
  isShorthand(field) {
    return this.source === 'param' || this.source === 'destructure' ? (this.tenantFieldsUsed.add(field), true) : false;
  }
  tenantProp(field) {
    return this.isShorthand(field) ? short(field) : kv(field, this.tenant(field));
  }
  fresh(base) {
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}${i}`;
    this.names.add(name);
    return name;
  }
  /** Lines that bind the session and the locals the body uses; `params` collects function parameters (utils). */
  preamble(params) {
    const b = new Block();
    const g = this.g;
    if (this.kind !== 'util') {
      const fields = [...this.tenantFieldsUsed].sort();
      if (this.source === 'destructure' && fields.length > 0) {
        b.line(`const { ${fields.join(', ')} } = await ${g.authFn}();`);
      } else if (this.tenantFieldsUsed.size > 0 || this.rng.chance(0.7)) {
        b.line(`const ${this.sessionVar} = await ${g.authFn}();`);
      } else {
        b.line(`await ${g.authFn}();`);
      }
    } else {
      for (const f of [...this.tenantFieldsUsed].sort()) params.push(`${f}: string`);
    }
    const n = this.needs;
    const k = this.kind;
    const src = k === 'route' ? 'searchParams' : null;
    if (n.has('id')) {
      if (k === 'route' || k === 'page') b.line('const { id } = await params;');
      else params.push('id: string');
    }
    if (n.has('ids')) {
      if (k === 'route') b.line('const { ids } = (await request.json()) as { ids: string[] };');
      else params.push('ids: string[]');
    }
    if (k === 'action' && (n.has('input') || n.has('q') || n.has('status'))) params.push('formData: FormData');
    if (n.has('input')) {
      if (k === 'route') b.line(`const input = parse${g.entity.name}Input(await request.json());`);
      else if (k === 'action') b.line(`const input = parse${g.entity.name}Input(Object.fromEntries(formData));`);
      else params.push(`input: ${g.entity.name}Input`);
    }
    if (k === 'route' && (n.has('q') || n.has('status') || n.has('take'))) b.line('const { searchParams } = new URL(request.url);');
    if (n.has('q')) {
      if (src) b.line(`const q = ${src}.get('q')?.trim() ?? '';`);
      else if (k === 'page') b.line(`const q = (await searchParams).q ?? '';`);
      else if (k === 'action') b.line(`const q = String(formData.get('q') ?? '');`);
      else params.push('q: string');
    }
    if (n.has('status')) {
      const values = g.statusValues ?? ['active'];
      if (src) b.line(`const status = (${src}.get('status') ?? '${values[0]}') as ${g.statusType ?? 'string'};`);
      else if (k === 'page') b.line(`const status = ((await searchParams).status ?? '${values[0]}') as ${g.statusType ?? 'string'};`);
      else if (k === 'action') b.line(`const status = String(formData.get('status') ?? '${values[0]}') as ${g.statusType ?? 'string'};`);
      else params.push(`status: ${g.statusType ?? 'string'}`);
    }
    if (n.has('since')) b.line(`const since = new Date(Date.now() - ${this.rng.pick([7, 14, 30, 90])} * 24 * 60 * 60 * 1000);`);
    if (n.has('take')) {
      if (src) b.line(`const take = Math.min(Number(${src}.get('limit') ?? ${this.rng.pick([20, 25, 50])}), 100);`);
      else b.line(`const take = ${this.rng.pick([10, 20, 25, 50])};`);
    }
    return b;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

const UNIQUE_OPS = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete']);

/** 0–2 non-tenant filters for `model`, as object properties. */
function filters(fn, model, max = 2) {
  const r = fn.rng;
  const count = r.int(max > 0 ? 1 : 0, max);
  const props = [];
  for (const f of r.sample(model.filterable, count)) {
    switch (f.f) {
      case 'text':
        fn.needs.add('q');
        props.push(kv(f.n, obj(kv('contains', 'q'), kv('mode', "'insensitive'"))));
        break;
      case 'enum':
        if (fn.kind !== 'util' && r.chance(0.4) && fn.g.statusType === f.enumName) {
          fn.needs.add('status');
          props.push(short(f.n));
        } else {
          props.push(kv(f.n, `'${r.pick(ENUMS[f.enumName])}'`));
        }
        break;
      case 'int':
        props.push(kv(f.n, obj(kv(r.pick(['gt', 'gte', 'lte']), String(r.pick([0, 1, 10, 100, 5000]))))));
        break;
      case 'bool':
        props.push(kv(f.n, r.pick(['true', 'false'])));
        break;
      case 'date':
        if (r.chance(0.6)) {
          fn.needs.add('since');
          props.push(kv(f.n, obj(kv('gte', 'since'))));
        } else {
          props.push(kv(f.n, obj(kv('lt', 'new Date()'))));
        }
        break;
    }
  }
  return props;
}

function orderBy(fn, model) {
  const date = model.fields.find((f) => f.f === 'date');
  return kv('orderBy', obj(kv(date ? date.n : model.textField, fn.rng.pick(["'desc'", "'asc'"]))));
}

function dataFor(fn, model) {
  const r = fn.rng;
  if (fn.needs.has('input') || r.chance(0.35)) {
    fn.needs.add('input');
    return r.chance(0.5) ? 'input' : obj(spread('input'), kv('updatedAt', 'new Date()'));
  }
  const props = [];
  for (const f of r.sample(model.filterable.filter((f) => f.f !== 'date'), r.int(1, 2))) {
    if (f.f === 'enum') props.push(kv(f.n, `'${r.pick(ENUMS[f.enumName])}'`));
    else if (f.f === 'bool') props.push(kv(f.n, r.pick(['true', 'false'])));
    else if (f.f === 'int') props.push(kv(f.n, obj(kv('increment', '1'))));
    else props.push(kv(f.n, `'${r.pick(['Untitled', 'Updated', 'Renamed', 'Imported'])}'`));
  }
  return props.length ? obj(...props) : obj(kv('updatedAt', 'new Date()'));
}

/**
 * One Prisma call on `model` with operation `op`, scoped or not. Returns `{ setup: Block, expr, label, style }`;
 * `expr` is the call as a string starting at `client.`.
 */
function buildQuery(fn, model, op, wantLabel, opts = {}) {
  const r = fn.rng;
  const client = fn.client;
  const tf = model.tenant;
  const setup = new Block();
  const args = [];
  let label = wantLabel;
  let style;
  const extras = () => {
    if (op === 'findMany') {
      const out = [];
      if (r.chance(0.6)) out.push(orderBy(fn, model));
      if (r.chance(0.5)) {
        fn.needs.add('take');
        out.push(short('take'));
      }
      if (r.chance(0.2)) out.push(kv('select', obj(kv('id', 'true'), kv(model.textField, 'true'))));
      return out;
    }
    if (op === 'aggregate') {
      const n = model.fields.find((f) => f.f === 'int');
      return [n ? kv('_sum', obj(kv(n.n, 'true'))) : kv('_count', 'true')];
    }
    if (op === 'groupBy') {
      const e = model.fields.find((f) => f.f === 'enum' || f.f === 'bool') ?? model.fields[0];
      return [kv('by', arr(`'${e.n}'`)), kv('_count', obj(kv('_all', 'true')))];
    }
    if (op === 'updateMany') return [kv('data', dataFor(fn, model))];
    return [];
  };

  const unique = UNIQUE_OPS.has(op) || (opts.byId && op !== 'create' && op !== 'createMany');
  if (model.public) {
    label = 'public';
    style = 'public';
    if (op === 'create' || op === 'createMany') {
      args.push(kv('data', dataFor(fn, model)));
    } else if (unique) {
      fn.needs.add('id');
      args.push(kv('where', obj(short('id'))));
      if (op === 'update' || op === 'updateMany') args.push(kv('data', dataFor(fn, model)));
    } else {
      const f = filters(fn, model, 1);
      if (f.length && r.chance(0.7)) args.push(kv('where', obj(...f)));
      args.push(...extras());
    }
  } else if (op === 'create' || op === 'createMany') {
    const data = dataFor(fn, model);
    const props = typeof data === 'string' ? [spread(data)] : data.p;
    if (label === 'unscoped' || label === 'ambiguous') {
      label = 'ambiguous';
      style = 'create-without-tenant';
      args.push(kv('data', op === 'createMany' ? arr(obj(...props)) : obj(...props)));
    } else {
      style = 'create-with-tenant';
      const row = obj(...props, fn.tenantProp(tf));
      args.push(kv('data', op === 'createMany' ? arr(row) : row));
    }
  } else if (unique) {
    fn.needs.add('id');
    if (label === 'scoped') {
      style = 'by-id-with-tenant';
      args.push(kv('where', obj(short('id'), fn.tenantProp(tf))));
    } else if (model.root) {
      // A single tenant-root row (User, Team) by its unique key: fine or not depending on the rule's policy.
      label = 'ambiguous';
      style = 'root-by-id';
      args.push(kv('where', obj(short('id'))));
    } else if (fn.kind === 'util') {
      // An internal helper looking up by an id its caller passes: the caller decides where the id comes from.
      label = 'ambiguous';
      style = 'helper-by-id-param';
      args.push(kv('where', obj(short('id'))));
    } else if (label === 'ambiguous' && opts.afterCheck) {
      // Inside a transaction, right after a tenant-scoped read of the same id.
      style = 'by-id-after-check';
      args.push(kv('where', obj(kv('id', 'existing.id'))));
    } else {
      label = 'unscoped';
      style = 'by-id';
      args.push(kv('where', obj(short('id'))));
    }
    if (op === 'update' || op === 'updateMany') args.push(kv('data', dataFor(fn, model)));
    if (op.startsWith('find') && r.chance(0.3)) args.push(kv('include', obj(kv('_count', 'true'))));
  } else if (label === 'scoped') {
    const f = filters(fn, model);
    style = r.weighted([
      [30, 'direct'],
      [14, 'spread-scope'],
      [14, 'where-variable'],
      [8, 'assigned-later'],
      [10, 'and'],
      [10, 'or-nested'],
      [6, 'ids-in'],
    ]);
    if (style === 'ids-in' && !(op === 'updateMany' || op === 'deleteMany')) style = 'direct';
    if (style === 'or-nested' && f.length < 2) style = 'direct';
    if (style === 'direct') {
      args.push(kv('where', obj(fn.tenantProp(tf), ...f)));
    } else if (style === 'ids-in') {
      fn.needs.add('ids');
      args.push(kv('where', obj(kv('id', obj(kv('in', 'ids'))), fn.tenantProp(tf))));
    } else if (style === 'spread-scope') {
      let v = fn.scopeVars.get(tf);
      if (!v) {
        v = fn.fresh(r.pick(['scope', 'tenantScope', 'owned', 'baseWhere', 'mine']));
        fn.scopeVars.set(tf, v);
        fn.g.scopeDecls.push(`const ${v} = ${inline(obj(fn.tenantProp(tf)))};`);
      }
      args.push(kv('where', obj(spread(v), ...f)));
    } else if (style === 'where-variable') {
      const v = fn.fresh(r.pick(['where', `${model.singular}Where`, 'filter', 'conditions']));
      const typed = r.chance(0.4) ? `: Prisma.${model.name}WhereInput` : '';
      if (typed) fn.g.prismaTypes = true;
      setup.line(`const ${v}${typed} = ${render(obj(fn.tenantProp(tf), ...f), '', v.length + typed.length + 9)};`);
      args.push(v === 'where' ? short('where') : kv('where', v));
    } else if (style === 'assigned-later') {
      const v = fn.fresh('where');
      fn.g.prismaTypes = true;
      setup.line(`const ${v}: Prisma.${model.name}WhereInput = ${render(obj(...f), '', 40)};`);
      if (r.chance(0.5)) setup.line(`${v}.${tf} = ${fn.tenant(tf)};`);
      else setup.line(`Object.assign(${v}, ${inline(obj(fn.tenantProp(tf)))});`);
      args.push(v === 'where' ? short('where') : kv('where', v));
    } else if (style === 'and') {
      args.push(kv('where', obj(kv('AND', arr(obj(fn.tenantProp(tf)), ...f.map((p) => obj(p)))))));
    } else {
      args.push(kv('where', obj(fn.tenantProp(tf), kv('OR', arr(...f.map((p) => obj(p)))))));
    }
    args.push(...extras());
  } else if (label === 'ambiguous') {
    const f = filters(fn, model, 1);
    style = r.weighted([[2, 'relation-filter'], [2, 'helper-spread'], [1, 'unknown-spread']]);
    if (style === 'relation-filter') {
      const root = TENANT_ROOT[tf];
      const up = BY_NAME.get(root).tenant;
      if (up) args.push(kv('where', obj(kv(lowerFirst(root), obj(fn.tenantProp(up))), ...f)));
      else args.push(kv('where', obj(kv(lowerFirst(root), obj(kv('id', fn.tenant(tf)))), ...f)));
    } else if (style === 'helper-spread') {
      fn.g.tenantHelper = true;
      const arg = fn.source === 'param' || fn.source === 'destructure' ? `{ ${tf} }` : fn.sessionVar;
      if (fn.source === 'param' || fn.source === 'destructure') fn.tenantFieldsUsed.add(tf);
      args.push(kv('where', obj(spread(`tenantWhere(${arg})`), ...f)));
    } else {
      fn.g.filterHelper = true;
      fn.needs.add('q');
      args.push(kv('where', obj(spread('buildFilters(q)'), ...f)));
    }
    args.push(...extras());
  } else {
    // unscoped
    style = r.weighted([
      [op === 'findMany' || op === 'count' ? 18 : 0, 'no-where'],
      [30, 'filters-only'],
      [12, 'where-variable'],
      [8, 'and'],
      [8, 'or-partial'],
      [op === 'updateMany' || op === 'deleteMany' ? 30 : 0, 'ids-in'],
    ]);
    const f = style === 'no-where' || style === 'ids-in' ? [] : filters(fn, model);
    if (style === 'ids-in' && model.root) {
      // Root rows by a list of their unique ids: policy-dependent, like a single root row by id.
      label = 'ambiguous';
      style = 'root-ids-in';
    }
    if (style === 'filters-only') {
      args.push(kv('where', obj(...f)));
    } else if (style === 'where-variable') {
      const v = fn.fresh(r.pick(['where', 'filter', `${model.singular}Filter`]));
      setup.line(`const ${v} = ${render(obj(...f), '', v.length + 9)};`);
      args.push(v === 'where' ? short('where') : kv('where', v));
    } else if (style === 'and') {
      args.push(kv('where', obj(kv('AND', arr(...f.map((p) => obj(p)))))));
    } else if (style === 'or-partial') {
      // The tenant filter is only one alternative: rows of other tenants match the other branch.
      args.push(kv('where', obj(kv('OR', arr(obj(fn.tenantProp(tf)), obj(f[0]))))));
    } else if (style === 'ids-in') {
      fn.needs.add('ids');
      args.push(kv('where', obj(kv('id', obj(kv('in', 'ids'))))));
    }
    args.push(...extras());
  }
  if (op === 'count' && args.length === 0 && r.chance(0.5)) args.push(kv('select', obj(kv('_all', 'true'))));
  const head = `${client}.${model.delegate}.${op}(`;
  return { setup, head, args: args.length ? obj(...args) : null, label, style, model: model.name, op, via: client === 'db' ? 'db' : 'tx' };
}

/** Appends `prefix + query + suffix;` to `block`, recording the query (and its setup lines) in the manifest. */
function emitQuery(block, q, prefix, suffix = ';') {
  const start = block.length + 1;
  block.add(q.setup);
  const col = prefix.length + q.head.length;
  const text = `${prefix}${q.head}${q.args ? render(q.args, '', col) : ''})${suffix}`;
  block.line(text);
  block.queries.push({ label: q.label, style: q.style, model: q.model, op: q.op, via: q.via, start, end: block.length });
}

function pickLabel(rng) {
  return rng.weighted([[53, 'scoped'], [40, 'unscoped'], [7, 'ambiguous']]);
}

// ---------------------------------------------------------------------------------------------------------------
// Filler: helpers, types and constants that make files realistic in size without queries

function fillers(g) {
  const e = g.entity;
  const r = g.rng;
  const s = e.singular;
  const E = e.name;
  const text = e.textField;
  return [
    () => [
      `type ${E}Row = {`,
      '  id: string;',
      ...e.fields.filter((f) => f.n !== 'secret').map((f) => `  ${f.n}${f.type.includes('?') ? '?' : ''}: ${tsType(f)};`),
      '};',
    ],
    () => [
      `function to${E}Dto(${s}: ${E}Row) {`,
      '  return {',
      `    id: ${s}.id,`,
      ...e.fields.filter((f) => f.n !== 'secret').slice(0, r.int(2, 4)).map((f) => `    ${f.n}: ${f.f === 'date' ? `${s}.${f.n}${f.type.includes('?') ? '?' : ''}.toISOString()` : `${s}.${f.n}`},`),
      `    href: \`/${e.slug}/\${${s}.id}\`,`,
      '  };',
      '}',
    ],
    () => [
      `function parseLimit(value: string | null, fallback = ${r.pick([20, 25, 50])}): number {`,
      "  const parsed = Number.parseInt(value ?? '', 10);",
      '  if (Number.isNaN(parsed) || parsed < 1) return fallback;',
      `  return Math.min(parsed, ${r.pick([100, 200, 500])});`,
      '}',
    ],
    () => [
      `const ${kebab(e.name).replace(/-/g, '_').toUpperCase()}_COLUMNS = [`,
      ...e.fields.filter((f) => f.n !== 'secret').map((f) => `  { key: '${f.n}', label: '${upperFirst(f.n.replace(/([A-Z])/g, ' $1').toLowerCase())}', sortable: ${f.f !== 'text'} },`),
      '] as const;',
    ],
    () => {
      const name = `${lowerFirst(E)}Cursor`;
      return [
        `function encode${upperFirst(name)}(id: string, createdAt: Date): string {`,
        "  return Buffer.from(`${id}:${createdAt.getTime()}`).toString('base64url');",
        '}',
        '',
        `function decode${upperFirst(name)}(cursor: string): { id: string; createdAt: Date } | null {`,
        '  try {',
        "    const [id, time] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');",
        '    if (!id || !time) return null;',
        '    return { id, createdAt: new Date(Number(time)) };',
        '  } catch {',
        '    return null;',
        '  }',
        '}',
      ];
    },
    () => [
      `function assert${E}Field(value: unknown, field: string): string {`,
      "  if (typeof value !== 'string' || value.trim().length === 0) {",
      `    throw new ValidationError(\`\${field} is required\`);`,
      '  }',
      `  if (value.length > ${r.pick([120, 200, 255, 1000])}) throw new ValidationError(\`\${field} is too long\`);`,
      '  return value.trim();',
      '}',
      '',
      'class ValidationError extends Error {',
      "  readonly status = 422;",
      '  constructor(message: string) {',
      '    super(message);',
      `    this.name = '${r.pick(['ValidationError', 'InputError'])}';`,
      '  }',
      '}',
    ],
    () => [
      `const ${s}Formatter = new Intl.DateTimeFormat('${r.pick(['en-US', 'en-GB', 'de-DE', 'fr-FR'])}', {`,
      "  year: 'numeric',",
      "  month: 'short',",
      "  day: 'numeric',",
      '});',
      '',
      `function format${E}Date(date: Date | string | null | undefined): string {`,
      "  if (!date) return '—';",
      `  return ${s}Formatter.format(typeof date === 'string' ? new Date(date) : date);`,
      '}',
    ],
    () => [
      `function chunk<T>(items: readonly T[], size = ${r.pick([25, 50, 100])}): T[][] {`,
      '  const out: T[][] = [];',
      '  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));',
      '  return out;',
      '}',
    ],
    () => [
      `function ${s}Label(${s}: { ${text}: string | null; id: string }): string {`,
      `  const base = ${s}.${text}?.trim();`,
      `  return base && base.length > 0 ? base : \`${E} \${${s}.id.slice(0, ${r.pick([6, 8])})}\`;`,
      '}',
    ],
    () => {
      const en = e.fields.find((f) => f.f === 'enum');
      const values = en ? ENUMS[en.enumName] : ['active', 'inactive'];
      return [
        `const ${s.toUpperCase()}_STATE_LABELS: Record<string, { label: string; tone: 'neutral' | 'good' | 'bad' }> = {`,
        ...values.map((v, i) => `  ${v}: { label: '${upperFirst(v.toLowerCase().replace(/_/g, ' '))}', tone: '${['neutral', 'good', 'bad'][i % 3]}' },`),
        '};',
      ];
    },
    () => [
      `async function withRetry<T>(task: () => Promise<T>, attempts = ${r.pick([2, 3, 5])}): Promise<T> {`,
      '  let lastError: unknown;',
      '  for (let attempt = 0; attempt < attempts; attempt++) {',
      '    try {',
      '      return await task();',
      '    } catch (error) {',
      '      lastError = error;',
      `      await new Promise((resolve) => setTimeout(resolve, ${r.pick([50, 100, 250])} * 2 ** attempt));`,
      '    }',
      '  }',
      '  throw lastError;',
      '}',
    ],
    () => [
      `function ${s}SearchText(${s}: Partial<${E}Row>): string {`,
      '  return [',
      ...e.fields.filter((f) => f.f === 'text').map((f) => `    ${s}.${f.n},`),
      '  ]',
      "    .filter((part): part is string => typeof part === 'string')",
      "    .join(' ')",
      '    .toLowerCase();',
      '}',
    ],
  ];
}

function tsType(f) {
  if (f.f === 'int') return 'number';
  if (f.f === 'bool') return 'boolean';
  if (f.f === 'date') return 'Date';
  if (f.f === 'enum') return f.enumName;
  return 'string';
}

/** Adds filler declarations (before or after `main`) until the file reaches `target` lines. */
function pad(g, head, main, target) {
  const pool = fillers(g);
  const used = new Set();
  const before = new Block();
  const after = new Block();
  let needsRow = false;
  const max = g.exportFillers ? pool.length : g.rng.int(3, 7);
  const size = () => head.length + before.length + main.length + after.length;
  while (((size() < target && used.size < max) || size() < 40) && used.size < pool.length) {
    let i = g.rng.int(0, pool.length - 1);
    while (used.has(i)) i = (i + 1) % pool.length;
    used.add(i);
    const lines = pool[i]();
    if (g.exportFillers) for (let j = 0; j < lines.length; j++) lines[j] = lines[j].replace(/^(async function|function|const|class|type)\b/, 'export $1');
    if (lines.join('\n').includes(`${g.entity.name}Row`) && i !== 0) needsRow = true;
    const dest = g.rng.chance(0.5) ? before : after;
    dest.line('', ...lines);
  }
  if (needsRow && !used.has(0)) before.line('', ...pool[0]());
  return { before, after };
}

// ---------------------------------------------------------------------------------------------------------------
// File kinds

function imports(g, extra = []) {
  const lines = [...extra];
  if (g.usesDb) lines.push("import { db } from '@/lib/db';");
  if (g.usesAuth) lines.push(`import { ${g.authFn} } from '@/lib/auth';`);
  if (g.tenantHelper) lines.push("import { tenantWhere } from '@/lib/tenant';");
  if (g.filterHelper) lines.push(`import { buildFilters } from '@/lib/${g.area}/filters';`);
  if (g.prismaTypes) lines.push(`import type { Prisma${g.statusType && g.statusUsed ? `, ${g.statusType}` : ''} } from '@prisma/client';`);
  else if (g.statusType && g.statusUsed) lines.push(`import type { ${g.statusType} } from '@prisma/client';`);
  if (g.inputParser) lines.push(`import { parse${g.entity.name}Input${g.inputType ? `, type ${g.entity.name}Input` : ''} } from '@/lib/validation/${g.entity.slug}';`);
  return lines;
}

/** Assembles an async function: signature, preamble (session + locals), body, closing. */
function assembleFn(fn, signature, body, { params = [], close = '}' } = {}) {
  const pre = fn.preamble(params);
  const b = new Block();
  b.line(signature(params));
  const scope = new Block();
  for (const d of fn.g.scopeDecls) scope.line(d);
  fn.g.scopeDecls = [];
  b.add(pre, '  ');
  b.add(scope, '  ');
  b.add(body, '  ');
  b.line(close);
  if (fn.needs.has('status')) fn.g.statusUsed = true;
  if (fn.needs.has('input')) {
    fn.g.inputParser = true;
    if (fn.kind === 'util') fn.g.inputType = true;
  }
  return b;
}

function pickOp(rng, kind) {
  if (kind === 'list') return rng.weighted([[10, 'findMany'], [3, 'count'], [2, 'findFirst'], [1, 'aggregate'], [1, 'groupBy']]);
  if (kind === 'item') return rng.weighted([[4, 'findUnique'], [3, 'findFirst'], [1, 'findUniqueOrThrow']]);
  if (kind === 'write') return rng.weighted([[4, 'update'], [3, 'updateMany']]);
  if (kind === 'remove') return rng.weighted([[3, 'delete'], [3, 'deleteMany']]);
  return 'findMany';
}

/** A single-row operation addressed by the `id` local (findUnique, findFirst, update, delete, …Many by id). */
function queryFor(fn, model, op, label = pickLabel(fn.rng), opts = {}) {
  return buildQuery(fn, model, op, label, { byId: true, ...opts });
}

/** Sometimes: a lookup by id followed by an ownership check (`row.accountId !== session.accountId`). */
function emitOwnerChecked(fn, body, model, exit) {
  if (model.public || model.root || !fn.rng.chance(0.2)) return false;
  const q = buildQuery(fn, model, 'findUnique', 'unscoped', { byId: true });
  q.label = 'scoped';
  q.style = 'by-id-owner-check';
  const v = model.singular;
  emitQuery(body, q, `const ${v} = await `);
  body.line(`if (!${v} || ${v}.${model.tenant} !== ${fn.tenant(model.tenant)}) ${exit};`);
  return true;
}

function otherModel(g) {
  return g.rng.pick(TENANT_MODELS.filter((m) => m !== g.entity));
}

/** Emits a list read: `const rows = await db.x.findMany(...)`, sometimes with a count in Promise.all. */
function emitList(fn, body, model, resultName) {
  const r = fn.rng;
  if (r.chance(0.3)) {
    const a = buildQuery(fn, model, 'findMany', pickLabel(r));
    const c = buildQuery(fn, model, 'count', pickLabel(r));
    body.add(a.setup).add(c.setup);
    a.setup = new Block();
    c.setup = new Block();
    body.line(`const [${resultName}, total] = await Promise.all([`);
    const inner = new Block();
    emitQuery(inner, a, '', ',');
    emitQuery(inner, c, '', ',');
    body.add(inner, '  ');
    body.line(']);');
    return true;
  }
  const q = buildQuery(fn, model, pickOp(r, 'list'), pickLabel(r));
  emitQuery(body, q, `const ${resultName} = await `);
  return false;
}

/** `db.auditLog.create({ data: { action, actorId, accountId } })`, usually with the tenant. */
function auditQuery(fn, model, verb, label = 'scoped') {
  const audit = BY_NAME.get('AuditLog');
  const actor = kv('actorId', fn.tenant('userId'));
  const action = kv('action', `'${model.singular}.${verb}'`);
  const data = label === 'scoped' ? obj(action, actor, fn.tenantProp('accountId')) : obj(action, actor);
  return {
    setup: new Block(),
    head: `${fn.client}.auditLog.create(`,
    args: obj(kv('data', data)),
    label: label === 'scoped' ? 'scoped' : 'ambiguous',
    style: label === 'scoped' ? 'create-with-tenant' : 'create-without-tenant',
    model: audit.name,
    op: 'create',
    via: fn.client === 'db' ? 'db' : 'tx',
  };
}

/** A `db.$transaction(async (tx) => …)` or array transaction doing 2–3 writes. */
function emitTransaction(fn, body, model, mode = 'write', arrayOnly = false) {
  const r = fn.rng;
  fn.g.usesDb = true;
  if (arrayOnly || r.chance(0.35)) {
    const op = mode === 'write' ? 'updateMany' : 'deleteMany';
    const main = buildQuery(fn, model, op, pickLabel(r), { byId: fn.needs.has('id') });
    const audit = auditQuery(fn, model, mode === 'write' ? 'updated' : 'deleted');
    body.add(main.setup);
    main.setup = new Block();
    const v = mode === 'write' ? 'updated' : 'removed';
    body.line(`const [${v}] = await db.$transaction([`);
    const inner = new Block();
    emitQuery(inner, main, '', ',');
    emitQuery(inner, audit, '', ',');
    body.add(inner, '  ');
    body.line(']);');
    return v;
  }
  const tx = r.pick(TX_NAMES);
  const saved = fn.client;
  fn.client = tx;
  const inner = new Block();
  fn.needs.add('id');
  const check = queryFor(fn, model, r.pick(['findFirst', 'findUnique']));
  emitQuery(inner, check, 'const existing = await ');
  inner.line(`if (!existing) throw new Error('${model.name} not found');`);
  if (r.chance(0.6)) emitQuery(inner, auditQuery(fn, model, 'updated', r.chance(0.85) ? 'scoped' : 'unscoped'), 'await ');
  // After a scoped read of the same row, a write by id is safe; the rule may or may not see that.
  const label = check.label === 'scoped' ? (r.chance(0.5) ? 'scoped' : 'ambiguous') : pickLabel(r);
  emitQuery(inner, queryFor(fn, model, mode === 'write' ? 'update' : 'delete', label, { afterCheck: true }), 'return ');
  fn.client = saved;
  const v = mode === 'write' ? 'updated' : 'removed';
  body.line(`const ${v} = await db.$transaction(async (${tx}) => {`);
  body.add(inner, '  ');
  body.line('});');
  return v;
}

function routeFile(g, item) {
  const r = g.rng;
  const e = g.entity;
  g.usesDb = true;
  g.usesAuth = true;
  const handlers = [];
  const methods = item ? r.sample(['GET', 'PATCH', 'DELETE', 'PUT'], r.int(2, 4)) : r.sample(['GET', 'POST', 'DELETE'], r.int(2, 3));
  if (!methods.includes('GET') && r.chance(0.7)) methods.unshift('GET');
  for (const method of methods) {
    const fn = new Fn(g, 'route');
    const body = new Block();
    const res = fn.fresh(r.pick([...RESULT_NAMES, e.plural]));
    if (item) fn.needs.add('id');
    if (method === 'GET' && !item) {
      const withTotal = emitList(fn, body, e, res);
      if (r.chance(0.25)) {
        const pub = r.pick(PUBLIC_MODELS);
        emitQuery(body, buildQuery(fn, pub, 'findMany', 'public'), `const ${pub.plural} = await `);
      }
      body.line(`return NextResponse.json({ ${res}${withTotal ? ', total' : ''} });`);
    } else if (method === 'GET') {
      if (!emitOwnerChecked(fn, body, e, "return NextResponse.json({ error: 'Not found' }, { status: 404 })")) {
        emitQuery(body, queryFor(fn, e, pickOp(r, 'item')), `const ${e.singular} = await `);
        body.line(`if (!${e.singular}) return NextResponse.json({ error: 'Not found' }, { status: 404 });`);
      }
      if (r.chance(0.35)) {
        const other = otherModel(g);
        emitQuery(body, buildQuery(fn, other, 'findMany', pickLabel(r)), `const related = await `);
        body.line(`return NextResponse.json({ ${e.singular}, related });`);
      } else body.line(`return NextResponse.json(${e.singular});`);
    } else if (method === 'POST') {
      fn.needs.add('input');
      emitQuery(body, buildQuery(fn, e, r.pick(['create', 'create', 'createMany']), pickLabel(r)), `const created = await `);
      if (r.chance(0.4)) emitQuery(body, auditQuery(fn, e, 'created'), 'await ');
      body.line(`return NextResponse.json(created, { status: 201 });`);
    } else if (method === 'PATCH' || method === 'PUT') {
      fn.needs.add('input');
      if (r.chance(0.3)) {
        const v = emitTransaction(fn, body, e);
        body.line(`return NextResponse.json(${v});`);
      } else {
        emitQuery(body, queryFor(fn, e, pickOp(r, 'write')), `const updated = await `);
        body.line('return NextResponse.json(updated);');
      }
    } else {
      if (!item) fn.needs.add('ids');
      if (r.chance(0.25)) {
        emitTransaction(fn, body, e, 'remove', !item);
      } else {
        emitQuery(body, buildQuery(fn, e, item ? pickOp(r, 'remove') : 'deleteMany', pickLabel(r), { byId: item }), 'await ');
      }
      body.line(r.chance(0.5) ? 'return new NextResponse(null, { status: 204 });' : "return NextResponse.json({ ok: true });");
    }
    const reqName = fn.needs.has('q') || fn.needs.has('status') || fn.needs.has('take') || fn.needs.has('input') || fn.needs.has('ids') ? 'request' : '_request';
    const sig = item
      ? () => `export async function ${method}(${reqName}: NextRequest, { params }: { params: Promise<{ id: string }> }) {`
      : () => `export async function ${method}(${reqName}: NextRequest) {`;
    handlers.push(assembleFn(fn, sig, body));
  }
  const main = new Block();
  for (const h of handlers) main.line('').add(h);
  const head = new Block();
  head.line(...imports(g, ["import { NextResponse, type NextRequest } from 'next/server';"]));
  if (r.chance(0.3)) head.line('', `export const dynamic = 'force-dynamic';`);
  return { head, main };
}

function jsxList(g, res, indent = '') {
  const e = g.entity;
  const cols = e.fields.filter((f) => f.n !== 'secret').slice(0, g.rng.int(2, 4));
  return [
    `<table className="w-full text-sm">`,
    '  <thead>',
    '    <tr>',
    ...cols.map((c) => `      <th className="px-3 py-2 text-left font-medium">${upperFirst(c.n)}</th>`),
    '    </tr>',
    '  </thead>',
    '  <tbody>',
    `    {${res}.map((${e.singular}) => (`,
    `      <tr key={${e.singular}.id} className="border-t">`,
    ...cols.map((c) => `        <td className="px-3 py-2">{${c.f === 'date' ? `String(${e.singular}.${c.n})` : c.f === 'bool' ? `${e.singular}.${c.n} ? 'Yes' : 'No'` : `${e.singular}.${c.n}`}}</td>`),
    '      </tr>',
    '    ))}',
    '  </tbody>',
    '</table>',
  ].map((l) => indent + l);
}

function pageFile(g, item) {
  const r = g.rng;
  const e = g.entity;
  g.usesDb = true;
  g.usesAuth = true;
  const fn = new Fn(g, 'page');
  const body = new Block();
  const res = fn.fresh(r.pick([...RESULT_NAMES, e.plural]));
  let jsx;
  if (item) {
    fn.needs.add('id');
    if (!emitOwnerChecked(fn, body, e, 'notFound()')) {
      emitQuery(body, queryFor(fn, e, pickOp(r, 'item')), `const ${e.singular} = await `);
      body.line(`if (!${e.singular}) notFound();`);
    }
    const other = otherModel(g);
    const withRelated = r.chance(0.6);
    if (withRelated) emitQuery(body, buildQuery(fn, other, 'findMany', pickLabel(r)), `const ${res} = await `);
    jsx = [
      '<main className="mx-auto max-w-4xl space-y-6 p-6">',
      '  <header className="flex items-center justify-between">',
      `    <h1 className="text-2xl font-semibold">{${e.singular}.${e.textField}}</h1>`,
      `    <a href={\`/${e.slug}/\${${e.singular}.id}/edit\`} className="btn">Edit</a>`,
      '  </header>',
      '  <dl className="grid grid-cols-2 gap-4">',
      ...e.fields.filter((f) => f.n !== 'secret').slice(0, 3).flatMap((f) => [`    <dt className="text-muted-foreground">${upperFirst(f.n)}</dt>`, `    <dd>{String(${e.singular}.${f.n})}</dd>`]),
      '  </dl>',
      ...(withRelated ? ['  <section>', `    <h2 className="text-lg font-medium">${other.label}</h2>`, '    <ul className="divide-y">', `      {${res}.map((row) => (`, `        <li key={row.id}>{row.${other.textField}}</li>`, '      ))}', '    </ul>', '  </section>'] : []),
      '</main>',
    ];
  } else {
    const withTotal = emitList(fn, body, e, res);
    if (r.chance(0.4)) emitQuery(body, buildQuery(fn, e, r.pick(['groupBy', 'aggregate', 'count']), pickLabel(r)), 'const stats = await ');
    if (r.chance(0.2)) {
      const pub = r.pick(PUBLIC_MODELS);
      emitQuery(body, buildQuery(fn, pub, 'findMany', 'public'), `const ${pub.plural} = await `);
    }
    jsx = [
      '<main className="mx-auto max-w-5xl p-6">',
      '  <div className="mb-4 flex items-center justify-between">',
      `    <h1 className="text-2xl font-semibold">${e.label}</h1>`,
      withTotal ? `    <span className="text-sm text-muted-foreground">{total} total</span>` : `    <span className="text-sm text-muted-foreground">{${res}.length} shown</span>`,
      '  </div>',
      ...jsxList(g, res, '  '),
      '</main>',
    ];
  }
  body.line('return (', ...jsx.map((l) => `  ${l}`), ');');
  const name = `${upperFirst(e.singular)}${item ? 'Detail' : 'List'}Page`;
  const wantsSearch = () => fn.needs.has('q') || fn.needs.has('status');
  const sig = () => {
    const props = [item ? 'params' : null, wantsSearch() ? 'searchParams' : null].filter(Boolean);
    return props.length ? `export default async function ${name}({ ${props.join(', ')} }: PageProps) {` : `export default async function ${name}() {`;
  };
  const fnBlock = assembleFn(fn, sig, body);
  const head = new Block();
  head.line(...imports(g, item ? ["import { notFound } from 'next/navigation';"] : []));
  const propsType = [item ? 'params: Promise<{ id: string }>' : null, wantsSearch() ? 'searchParams: Promise<{ q?: string; status?: string }>' : null].filter(Boolean);
  if (propsType.length) head.line('', `type PageProps = { ${propsType.join('; ')} };`);
  if (r.chance(0.4)) head.line('', `export const metadata = { title: '${e.label}' };`);
  const main = new Block();
  main.line('').add(fnBlock);
  return { head, main };
}

function actionsFile(g) {
  const r = g.rng;
  const e = g.entity;
  g.usesDb = true;
  g.usesAuth = true;
  const main = new Block();
  const kinds = r.sample(['create', 'update', 'archive', 'remove', 'bulk', 'search'], r.int(2, 4));
  for (const kind of kinds) {
    const fn = new Fn(g, 'action');
    const body = new Block();
    let params = [];
    let name;
    if (kind === 'create') {
      name = `create${e.name}`;
      params = ['formData: FormData'];
      fn.needs.add('input');
      emitQuery(body, buildQuery(fn, e, 'create', pickLabel(r)), 'const created = await ');
      body.line(`revalidatePath('/${e.slug}');`, `redirect(\`/${e.slug}/\${created.id}\`);`);
    } else if (kind === 'update') {
      name = `update${e.name}`;
      params = ['formData: FormData'];
      fn.needs.add('input');
      fn.needs.add('id');
      if (r.chance(0.35)) emitTransaction(fn, body, e);
      else emitQuery(body, queryFor(fn, e, pickOp(r, 'write')), 'await ');
      body.line(`revalidatePath(\`/${e.slug}/\${id}\`);`);
    } else if (kind === 'archive') {
      name = `archive${e.name}`;
      fn.needs.add('id');
      emitQuery(body, queryFor(fn, e, r.pick(['update', 'updateMany'])), 'await ');
      body.line(`revalidatePath('/${e.slug}');`);
    } else if (kind === 'remove') {
      name = `delete${e.name}`;
      fn.needs.add('id');
      emitQuery(body, queryFor(fn, e, pickOp(r, 'remove')), 'await ');
      if (r.chance(0.5)) emitQuery(body, auditQuery(fn, e, 'deleted'), 'await ');
      body.line(`revalidatePath('/${e.slug}');`);
    } else if (kind === 'bulk') {
      name = `bulkUpdate${plural(e.name)}`;
      fn.needs.add('ids');
      emitQuery(body, buildQuery(fn, e, 'updateMany', pickLabel(r)), 'const { count } = await ');
      body.line(`revalidatePath('/${e.slug}');`, 'return { count };');
    } else {
      name = `search${plural(e.name)}`;
      params = ['formData: FormData'];
      fn.needs.add('q');
      emitQuery(body, buildQuery(fn, e, 'findMany', pickLabel(r)), `return `);
    }
    if (fn.needs.has('id') && kind === 'update' && !params.includes('id: string')) params.unshift('id: string');
    const p = params;
    const sig = (extra) => {
      const all = [...new Set([...p, ...extra])];
      return `export async function ${name}(${all.join(', ')}) {`;
    };
    main.line('').add(assembleFn(fn, sig, body, { params: [] }));
  }
  const head = new Block();
  head.line("'use server';", '', "import { revalidatePath } from 'next/cache';");
  if (main.lines.some((l) => l.includes('redirect('))) head.line("import { redirect } from 'next/navigation';");
  head.line(...imports(g));
  return { head, main };
}

function dataUtilFile(g) {
  const r = g.rng;
  const e = g.entity;
  g.usesDb = true;
  const main = new Block();
  const kinds = r.sample(['list', 'get', 'count', 'remove', 'stats'], r.int(2, 4));
  for (const kind of kinds) {
    const fn = new Fn(g, 'util');
    const body = new Block();
    let name;
    if (kind === 'list') {
      name = `list${plural(e.name)}`;
      emitQuery(body, buildQuery(fn, e, 'findMany', pickLabel(r)), 'return ');
    } else if (kind === 'get') {
      name = `get${e.name}`;
      fn.needs.add('id');
      emitQuery(body, queryFor(fn, e, pickOp(r, 'item')), 'return ');
    } else if (kind === 'count') {
      name = `count${plural(e.name)}`;
      emitQuery(body, buildQuery(fn, e, 'count', pickLabel(r)), 'return ');
    } else if (kind === 'remove') {
      name = `remove${e.name}`;
      emitQuery(body, queryFor(fn, e, pickOp(r, 'remove')), 'await ');
    } else {
      name = `${e.singular}Stats`;
      emitQuery(body, buildQuery(fn, e, r.pick(['aggregate', 'groupBy']), pickLabel(r)), 'return ');
    }
    main.line('').add(assembleFn(fn, (params) => `export async function ${name}(${params.join(', ')}) {`, body, { params: [] }));
  }
  const head = new Block();
  if (r.chance(0.5)) head.line("import 'server-only';", '');
  head.line(...imports(g));
  return { head, main };
}

function clientFile(g) {
  const r = g.rng;
  const e = g.entity;
  const C = `${e.name}${upperFirst(g.widget.replace(/-(\w)/g, (_, c) => c.toUpperCase()))}`;
  const s = e.singular;
  const main = new Block();
  const state = r.sample(['query', 'open', 'selected', 'page', 'error', 'sort'], r.int(2, 4));
  const hooks = ['useState'];
  if (r.chance(0.6)) hooks.push('useEffect');
  if (r.chance(0.5)) hooks.push('useTransition');
  if (r.chance(0.3)) hooks.push('useMemo');
  main.line(
    '',
    `type ${C}Props = {`,
    `  ${e.plural}: Array<{ id: string; ${e.textField}: string }>;`,
    `  onSelect?: (id: string) => void;`,
    '};',
    '',
    `export function ${C}({ ${e.plural}, onSelect }: ${C}Props) {`,
  );
  for (const st of state) {
    const init = { query: "''", open: 'false', selected: 'null as string | null', page: '1', error: 'null as string | null', sort: `'${e.textField}'` }[st];
    main.line(`  const [${st}, set${upperFirst(st)}] = useState(${init});`);
  }
  if (hooks.includes('useTransition')) main.line('  const [pending, startTransition] = useTransition();');
  if (hooks.includes('useMemo')) {
    main.line(
      '  const visible = useMemo(',
      `    () => ${e.plural}.filter((${s}) => ${s}.${e.textField}.toLowerCase().includes(String(${state.includes('query') ? 'query' : "''"}).toLowerCase())),`,
      `    [${e.plural}${state.includes('query') ? ', query' : ''}],`,
      '  );',
    );
  }
  if (hooks.includes('useEffect')) {
    main.line(
      '  useEffect(() => {',
      '    const controller = new AbortController();',
      `    fetch('/api/${g.area}/${e.slug}?limit=${r.pick([10, 20, 50])}', { signal: controller.signal })`,
      '      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(res.statusText))))',
      `      .catch((err: unknown) => ${state.includes('error') ? "setError(err instanceof Error ? err.message : 'Failed')" : 'console.error(err)'});`,
      '    return () => controller.abort();',
      `  }, [${state.includes('page') ? 'page' : ''}]);`,
    );
  }
  main.line(
    '',
    `  function handleSelect(id: string) {`,
    ...(state.includes('selected') ? ['    setSelected(id);'] : []),
    ...(hooks.includes('useTransition') ? ['    startTransition(() => onSelect?.(id));'] : ['    onSelect?.(id);']),
    '  }',
    '',
    '  return (',
    `    <div className="space-y-3"${hooks.includes('useTransition') ? ' aria-busy={pending}' : ''}>`,
    ...(state.includes('query') ? ['      <input', '        className="input"', '        value={query}', '        onChange={(event) => setQuery(event.target.value)}', `        placeholder="Search ${e.label.toLowerCase()}…"`, '      />'] : []),
    ...(state.includes('error') ? ['      {error ? <p className="text-red-600">{error}</p> : null}'] : []),
    '      <ul className="divide-y rounded border">',
    `        {${hooks.includes('useMemo') ? 'visible' : e.plural}.map((${s}) => (`,
    `          <li key={${s}.id}>`,
    `            <button type="button" onClick={() => handleSelect(${s}.id)} className="w-full px-3 py-2 text-left">`,
    `              {${s}.${e.textField}}`,
    '            </button>',
    '          </li>',
    '        ))}',
    '      </ul>',
    ...(state.includes('page') ? ['      <div className="flex gap-2">', '        <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))}>Previous</button>', '        <span>{page}</span>', '        <button type="button" onClick={() => setPage((p) => p + 1)}>Next</button>', '      </div>'] : []),
    ...(state.includes('open') ? ['      {open ? (', '        <div role="dialog" className="modal">', `          <button type="button" onClick={() => setOpen(false)}>Close</button>`, '        </div>', '      ) : (', `        <button type="button" onClick={() => setOpen(true)}>New ${s}</button>`, '      )}'] : []),
    '    </div>',
    '  );',
    '}',
  );
  const head = new Block();
  head.line("'use client';", '', `import { ${hooks.join(', ')} } from 'react';`);
  return { head, main };
}

function plainUtilFile(g) {
  const head = new Block();
  head.line(`// ${upperFirst(g.utilName.replace(/-/g, ' '))} helpers for ${g.area}.`);
  return { head, main: new Block() };
}

// ---------------------------------------------------------------------------------------------------------------
// Static files

const STATIC = {
  'package.json': `${JSON.stringify({ name: 'bench-saas', private: true, version: '0.0.0', dependencies: { '@prisma/client': '^6.1.0', next: '^15.1.0', react: '^19.0.0' }, devDependencies: { prisma: '^6.1.0', typescript: '^5.7.0' } }, null, 2)}\n`,
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', jsx: 'preserve', strict: true, noEmit: true, paths: { '@/*': ['./*'] } }, include: ['**/*.ts', '**/*.tsx'] }, null, 2)}\n`,
  'lib/db.ts': `import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n`,
  'lib/auth.ts': `import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

export type Session = {
  userId: string;
  accountId: string;
  teamId: string;
  role: 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';
  user: { id: string };
  account: { id: string };
  team: { id: string };
};

async function readSession(): Promise<Session | null> {
  const token = (await cookies()).get('session')?.value;
  if (!token) return null;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Partial<Session>;
    if (!payload.userId || !payload.accountId || !payload.teamId) return null;
    const { userId, accountId, teamId } = payload;
    return { userId, accountId, teamId, role: payload.role ?? 'MEMBER', user: { id: userId }, account: { id: accountId }, team: { id: teamId } };
  } catch {
    return null;
  }
}

/** The verified session; redirects to /login when there is none. */
export async function requireAuth(): Promise<Session> {
  const session = await readSession();
  if (!session) redirect('/login');
  return session;
}

export const requireUser = requireAuth;
export const requireSession = requireAuth;
export const getTenantContext = requireAuth;

export async function getCurrentSession(): Promise<Session> {
  return requireAuth();
}
`,
  'lib/tenant.ts': `/** The filter every tenant-owned query starts from. */
export function tenantWhere(session: { accountId: string }) {
  return { accountId: session.accountId };
}
`,
};

// ---------------------------------------------------------------------------------------------------------------
// Driver

function uniquePath(g, taken, make) {
  for (let attempt = 0; ; attempt++) {
    const p = make(attempt);
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

/**
 * Writes the corpus. Returns `{ root, files: [{ path, kind, lines, queries: [{ label, style, model, op, via, start, end }] }],
 * lines, queries: { scoped, unscoped, public, ambiguous }, ms }` (paths relative to root).
 */
export function generateCorpus({ root, files = 2000, seed = DEFAULT_SEED } = {}) {
  if (!root) throw new Error('generateCorpus: root is required');
  const t0 = performance.now();
  const rng = new Rng(seed);
  rmSync(root, { recursive: true, force: true });
  const out = new Map();
  out.set('prisma/schema.prisma', schemaText());
  for (const [p, text] of Object.entries(STATIC)) out.set(p, text);
  const taken = new Set(out.keys());
  const manifest = [];
  const kinds = [
    [18, 'route'],
    [17, 'route-item'],
    [12, 'page'],
    [8, 'page-item'],
    [15, 'actions'],
    [15, 'client'],
    [6, 'data'],
    [9, 'util'],
  ];
  for (let i = 0; i < files; i++) {
    const kind = rng.weighted(kinds);
    let entity = BY_NAME.get(rng.weighted(ENTITY_WEIGHTS));
    if ((kind === 'actions' || kind === 'data') && entity.public) entity = BY_NAME.get('Invoice');
    const statusField = entity.fields.find((f) => f.f === 'enum');
    const g = {
      rng,
      entity,
      area: rng.pick(AREAS),
      authFn: rng.weighted(AUTH_FNS),
      sessionVar: rng.pick(SESSION_VARS),
      statusType: statusField?.enumName,
      statusValues: statusField ? ENUMS[statusField.enumName] : undefined,
      scopeDecls: [],
      widget: rng.pick(WIDGETS),
      utilName: rng.pick(UTIL_NAMES),
    };
    let path;
    let parts;
    const sub = (a) => (a === 0 ? '' : a <= SUBS.length ? `/${SUBS[a - 1]}` : `/${SUBS[a % SUBS.length]}-${a}`);
    switch (kind) {
      case 'route':
        path = uniquePath(g, taken, (a) => `app/api/${g.area}${sub(a)}/${entity.slug}/route.ts`);
        parts = routeFile(g, false);
        break;
      case 'route-item':
        path = uniquePath(g, taken, (a) => `app/api/${g.area}${sub(a)}/${entity.slug}/[id]${a % 3 === 2 ? '/details' : ''}/route.ts`);
        parts = routeFile(g, true);
        break;
      case 'page':
        path = uniquePath(g, taken, (a) => `app/${GROUPS[a % GROUPS.length]}/${g.area}${sub(Math.floor(a / GROUPS.length))}/${entity.slug}/page.tsx`);
        parts = pageFile(g, false);
        break;
      case 'page-item':
        path = uniquePath(g, taken, (a) => `app/${GROUPS[a % GROUPS.length]}/${g.area}${sub(Math.floor(a / GROUPS.length))}/${entity.slug}/[id]/page.tsx`);
        parts = pageFile(g, true);
        break;
      case 'actions':
        path = uniquePath(g, taken, (a) => (a % 2 === 0 ? `app/${GROUPS[0]}/${g.area}${sub(a / 2)}/${entity.slug}/actions.ts` : `lib/actions/${g.area}${sub((a - 1) / 2).replace('/', '-')}-${entity.slug}.ts`));
        parts = actionsFile(g);
        break;
      case 'client':
        path = uniquePath(g, taken, (a) => `components/${g.area}${sub(a)}/${kebab(entity.name)}-${g.widget}.tsx`);
        parts = clientFile(g);
        break;
      case 'data':
        path = uniquePath(g, taken, (a) => `lib/data/${g.area}${sub(a).replace('/', '-')}/${entity.slug}.ts`);
        parts = dataUtilFile(g);
        break;
      default:
        path = uniquePath(g, taken, (a) => `lib/${g.area}${sub(a)}/${g.utilName}.ts`);
        g.exportFillers = true;
        parts = plainUtilFile(g);
    }
    const target = rng.int(40, 150);
    const { before, after } = pad(g, parts.head, parts.main, target);
    const file = new Block();
    file.add(parts.head).add(before).add(parts.main).add(after);
    const text = `${file.lines.join('\n')}\n`;
    out.set(path, text);
    manifest.push({ path, kind, lines: file.lines.length, queries: file.queries });
  }
  let lines = 0;
  const dirs = new Set();
  for (const [p, text] of out) {
    const full = join(root, p);
    const dir = dirname(full);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(full, text);
    if (/\.tsx?$/.test(p)) lines += text.split('\n').length - 1;
  }
  const queries = { scoped: 0, unscoped: 0, public: 0, ambiguous: 0 };
  for (const f of manifest) for (const q of f.queries) queries[q.label]++;
  return { root, seed, files: manifest, staticFiles: Object.keys(STATIC).filter((p) => /\.tsx?$/.test(p)), lines, queries, ms: performance.now() - t0 };
}

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDiagnostics, setDiagnosticSink, type Diagnostic } from '../../src/core/diagnostics.js';
import { parseSettings } from '../../src/core/settings.js';
import {
  buildSupabaseModel,
  clearSupabaseTypesCaches,
  discoverSupabaseTypes,
  loadSupabaseTypes,
  parseSupabaseTypes,
  referencedTable,
  supabaseTablesFor,
} from '../../src/core/supabase-types.js';
import { tablesForFile } from '../../src/core/table-discovery.js';
import { getTenantModel } from '../../src/core/tenant-model.js';

/** The shape `supabase gen types typescript` writes (trimmed: Insert/Update repeat Row). */
const TYPES = `export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  __InternalSupabase: { PostgrestVersion: "12.2.3 (519615d)" }
  public: {
    Tables: {
      organizations: {
        Row: { id: string; name: string }
        Insert: { id?: string; name: string }
        Update: { id?: string; name?: string }
        Relationships: []
      }
      invoices: {
        Row: { amount: number; created_at: string; id: string; organization_id: string; project_id: string | null }
        Insert: { amount: number; id?: string; organization_id: string }
        Update: { amount?: number; id?: string; organization_id?: string }
        Relationships: [
          {
            foreignKeyName: "invoices_organization_id_fkey"
            columns: ["organization_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoices_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      "audit-log": {
        Row: { id: number; team_id: string; event: string }
        Insert: { id?: number; team_id: string; event: string }
        Update: { id?: number; team_id?: string; event?: string }
        Relationships: []
      }
      teams: {
        Row: { id: string; slug: string }
        Insert: { id?: string; slug: string }
        Update: { id?: string; slug?: string }
        Relationships: []
      }
      plans: {
        Row: { id: string; price: number }
        Insert: { id?: string; price: number }
        Update: { id?: string; price?: number }
        Relationships: []
      }
    }
    Views: {
      monthly_totals: {
        Row: { organization_id: string | null; total: number | null }
        Relationships: []
      }
    }
    Functions: {
      org_invoices: {
        Args: { p_organization_id: string }
        Returns: Database["public"]["Tables"]["invoices"]["Row"][]
      }
      search:
        | { Args: { q: string }; Returns: { id: string; organization_id: string }[] }
        | { Args: { q: string; lim: number }; Returns: { id: string; organization_id: string }[] }
      list_invoices: {
        Args: never
        Returns: Database["public"]["Tables"]["invoices"]["Row"][]
        SetofOptions: { from: "*"; to: "invoices"; isOneToOne: false; isSetofReturn: true }
      }
    }
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
  billing: {
    Tables: {
      charges: {
        Row: { id: string; organization_id: string }
        Insert: { id?: string; organization_id: string }
        Update: { id?: string; organization_id?: string }
        Relationships: []
      }
    }
    Views: { [_ in never]: never }
    Functions: { [_ in never]: never }
  }
}

type DefaultSchema = Database[Extract<keyof Database, "public">]
`;

let root: string;
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
function collectWarnings(): { warnings: Diagnostic[]; restore: () => void } {
  const warnings: Diagnostic[] = [];
  return { warnings, restore: setDiagnosticSink((d) => warnings.push(d)) };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tg-supabase-'));
  clearSupabaseTypesCaches();
  resetDiagnostics();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('parseSupabaseTypes', () => {
  const parsed = parseSupabaseTypes(TYPES, 'types/supabase.ts');

  it('reads tables and views of every schema, with the columns of Row', () => {
    expect(parsed.hasDatabase).toBe(true);
    expect(parsed.tables.map((t) => `${t.schema}.${t.name}${t.isView ? ' (view)' : ''}`)).toEqual([
      'public.organizations',
      'public.invoices',
      'public.audit-log',
      'public.teams',
      'public.plans',
      'public.monthly_totals (view)',
      'billing.charges',
    ]);
    const invoices = parsed.tables.find((t) => t.name === 'invoices')!;
    expect(invoices.columns).toEqual(['amount', 'created_at', 'id', 'organization_id', 'project_id']);
    expect(invoices.relationships).toEqual([
      { columns: ['organization_id'], referencedRelation: 'organizations' },
      { columns: ['project_id'], referencedRelation: 'projects' },
    ]);
    expect(parsed.tables.find((t) => t.name === 'audit-log')!.columns).toEqual(['id', 'team_id', 'event']);
  });

  it('reads functions: arguments over overloads, and the rows they return', () => {
    const byName = Object.fromEntries(parsed.functions.map((f) => [f.name, f]));
    expect(byName.org_invoices).toMatchObject({ schema: 'public', args: ['p_organization_id'], returnsTables: ['invoices'], returnsColumns: [] });
    expect(byName.search).toMatchObject({ args: ['q', 'lim'], returnsTables: [], returnsColumns: ['id', 'organization_id'] });
    expect(byName.list_invoices).toMatchObject({ args: [], returnsTables: ['invoices'] });
  });

  it('reads the older `interface Database` form', () => {
    const old = parseSupabaseTypes(
      'export interface Database {\n  public: {\n    Tables: {\n      notes: { Row: { id: string; user_id: string }; Insert: {}; Update: {} }\n    }\n  }\n}\n',
      'x.ts',
    );
    expect(old.tables).toEqual([{ schema: 'public', name: 'notes', isView: false, columns: ['id', 'user_id'], relationships: [] }]);
  });

  it('a file without a Database type has no tables, and says so', () => {
    expect(parseSupabaseTypes('export type User = { id: string };', 'x.ts')).toEqual({ file: 'x.ts', hasDatabase: false, tables: [], functions: [] });
  });

  it('throws on a syntax error (the loader turns it into a warning)', () => {
    expect(() => parseSupabaseTypes('export type Database = {', 'x.ts')).toThrow();
  });
});

describe('buildSupabaseModel', () => {
  const parsed = parseSupabaseTypes(TYPES, 'types/supabase.ts');
  const model = buildSupabaseModel(parsed, parseSettings(undefined));
  const table = (sqlName: string) => model.tables.find((t) => t.sqlName === sqlName)!;

  it('tenant columns in snake_case, by the default tenant fields', () => {
    expect(table('invoices')).toMatchObject({
      name: 'invoices',
      source: 'supabase',
      tenantColumns: [{ key: 'organization_id', sqlName: 'organization_id' }],
      isRoot: false,
    });
    expect(table('audit-log').tenantColumns.map((c) => c.sqlName)).toEqual(['team_id']);
    expect(table('monthly_totals').tenantColumns.map((c) => c.sqlName)).toEqual(['organization_id']);
    expect(table('plans').tenantColumns).toEqual([]);
  });

  it('roots: referenced by a tenant column through Relationships, or by the name convention (team_id → teams)', () => {
    expect(table('organizations').isRoot).toBe(true);
    expect(table('teams').isRoot).toBe(true);
    expect(table('plans').isRoot).toBe(false);
  });

  it('tables of other schemas are qualified', () => {
    expect(table('billing.charges')).toMatchObject({ name: 'charges', tenantColumns: [{ sqlName: 'organization_id' }] });
  });

  it('keeps the foreign keys of Relationships', () => {
    expect(referencedTable(table('invoices'), 'project_id')).toBe('projects');
    expect(referencedTable(table('invoices'), 'amount')).toBeNull();
  });

  it('settings pin a table, mark it public, add roots, or replace the tenant fields', () => {
    const configured = buildSupabaseModel(
      parsed,
      parseSettings({ models: { invoices: 'project_id', 'audit-log': false }, tenantRoots: ['plans'] }),
    );
    const get = (name: string) => configured.tables.find((t) => t.sqlName === name)!;
    expect(get('invoices').tenantColumns.map((c) => c.sqlName)).toEqual(['project_id']);
    expect(get('audit-log').tenantColumns).toEqual([]);
    expect(get('plans').isRoot).toBe(true);
    const byTeam = buildSupabaseModel(parsed, parseSettings({ tenantFields: ['teamId'] }));
    expect(byTeam.tables.filter((t) => t.tenantColumns.length > 0).map((t) => t.sqlName)).toEqual(['audit-log']);
  });
});

describe('discoverSupabaseTypes', () => {
  it('finds the conventional paths from the package folder of the linted file', () => {
    write('package.json', '{}');
    const types = write('lib/database.types.ts', TYPES);
    expect(discoverSupabaseTypes(join(root, 'app/api/route.ts'), root, [])).toEqual([types]);
  });

  it('prefers types/supabase.ts, and looks under src/', () => {
    write('package.json', '{}');
    const first = write('types/supabase.ts', TYPES);
    write('src/lib/database.types.ts', TYPES);
    expect(discoverSupabaseTypes(join(root, 'app/page.tsx'), root, [])).toEqual([first]);
    const other = join(root, 'other');
    write('other/package.json', '{}');
    const src = write('other/src/types/supabase.ts', TYPES);
    expect(discoverSupabaseTypes(join(other, 'src/app/page.tsx'), root, [])).toEqual([src]);
  });

  it('falls back to the ESLint cwd (a monorepo app linted from the root)', () => {
    const types = write('types/supabase.ts', TYPES);
    write('apps/web/package.json', '{}');
    expect(discoverSupabaseTypes(join(root, 'apps/web/app/route.ts'), root, [])).toEqual([types]);
  });

  it('settings name the files, relative to the cwd', () => {
    expect(discoverSupabaseTypes('/elsewhere/x.ts', root, ['db/types.ts'])).toEqual([join(root, 'db/types.ts')]);
  });

  it('re-checks after a few seconds, so a file generated later is found', () => {
    write('package.json', '{}');
    const file = join(root, 'app/route.ts');
    expect(discoverSupabaseTypes(file, root, [], 1_000)).toEqual([]);
    const types = write('database.types.ts', TYPES);
    expect(discoverSupabaseTypes(file, root, [], 2_000)).toEqual([]);
    expect(discoverSupabaseTypes(file, root, [], 10_000)).toEqual([types]);
  });
});

describe('loadSupabaseTypes', () => {
  it('parses once and re-reads when the file changes', () => {
    const file = write('types/supabase.ts', TYPES);
    const first = loadSupabaseTypes(file, 1_000);
    expect(loadSupabaseTypes(file, 1_500)).toBe(first);
    writeFileSync(file, TYPES.replace('plans:', 'prices:'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const second = loadSupabaseTypes(file, 10_000);
    expect(second).not.toBe(first);
    expect(second!.tables.map((t) => t.name)).toContain('prices');
  });

  it('a malformed file: one warning with file and line, no tables, no crash; again after a reset', () => {
    const { warnings, restore } = collectWarnings();
    try {
      const file = write('types/supabase.ts', 'export type Database = {\n  public: {\n    Tables: { invoices: { Row: { id: string; } ] }\n');
      expect(loadSupabaseTypes(file, 1_000)).toBeNull();
      expect(loadSupabaseTypes(file, 1_100)).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0].message).toMatch(new RegExp(`^could not parse Supabase types ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
      resetDiagnostics();
      loadSupabaseTypes(file, 1_200);
      expect(warnings).toHaveLength(2);
      write('package.json', '{}');
      expect(supabaseTablesFor(join(root, 'app/route.ts'), root, undefined)).toEqual([]);
    } finally {
      restore();
    }
  });

  it('a file with no Database type warns once', () => {
    const { warnings, restore } = collectWarnings();
    try {
      const file = write('types/supabase.ts', 'export type Invoice = { id: string };\n');
      expect(loadSupabaseTypes(file)?.tables).toEqual([]);
      expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('has no `Database` type')]);
    } finally {
      restore();
    }
  });

  it('reads UTF-16 files (PowerShell 5 redirects write them) and strips a UTF-8 BOM', () => {
    const utf16 = join(root, 'types_db.ts');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TYPES.replace(/\n/g, '\r\n'), 'utf16le')]));
    expect(loadSupabaseTypes(utf16)?.tables.map((t) => t.name)).toContain('invoices');
    const bom = write('bom.ts', `\ufeff${TYPES}`);
    expect(loadSupabaseTypes(bom)?.tables.map((t) => t.name)).toContain('invoices');
  });

  it('a file that does not exist is null', () => {
    expect(loadSupabaseTypes(join(root, 'missing.ts'))).toBeNull();
  });
});

describe('the table source', () => {
  it('returns the same array while nothing changed, and tablesForFile merges it with Prisma', () => {
    write('package.json', '{}');
    write('types/supabase.ts', TYPES);
    const file = join(root, 'app/api/route.ts');
    const first = supabaseTablesFor(file, root, undefined);
    expect(first.map((t) => t.sqlName)).toContain('invoices');
    expect(supabaseTablesFor(file, root, undefined)).toBe(first);
    const prisma = getTenantModel(file, root, undefined);
    const set = tablesForFile({ filename: file, cwd: root, rawSettings: undefined, prisma });
    expect(tablesForFile({ filename: file, cwd: root, rawSettings: undefined, prisma })).toBe(set);
    expect(set.bySqlName.get('invoices')?.source).toBe('supabase');
    expect(set.bySqlName.get('billing.charges')?.name).toBe('charges');
  });

  it('warns once when settings name a file that does not exist', () => {
    const { warnings, restore } = collectWarnings();
    try {
      const settings = { 'tenant-guard': { supabaseTypes: 'db/types.ts' } };
      expect(supabaseTablesFor(join(root, 'x.ts'), root, settings)).toEqual([]);
      expect(supabaseTablesFor(join(root, 'y.ts'), root, settings)).toEqual([]);
      expect(warnings.map((w) => w.message)).toEqual([`settings['tenant-guard'].supabaseTypes names ${join(root, 'db/types.ts')}, which does not exist.`]);
    } finally {
      restore();
    }
  });
});

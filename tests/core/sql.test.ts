import { describe, expect, it } from 'vitest';
import { analyzeSql, parseSql, quoteIdentifier, type SqlAnalysis } from '../../src/core/sql.js';
import { buildTableSet, type TableInfo } from '../../src/core/tables.js';

function table(sqlName: string, columns: string[], tenant: string[], isRoot = false): TableInfo {
  const cols = columns.map((c) => ({ key: c, sqlName: c }));
  return { name: sqlName, sqlName, source: 'settings', columns: cols, tenantColumns: cols.filter((c) => tenant.includes(c.sqlName)), isRoot };
}

const tables = buildTableSet([
  table('invoices', ['id', 'account_id', 'project_id', 'number', 'status', 'amount_cents'], ['account_id']),
  table('notes', ['id', 'account_id', 'invoice_id', 'body'], ['account_id']),
  table('projects', ['id', 'account_id', 'name'], ['account_id']),
  table('line_items', ['id', 'invoice_id', 'amount_cents'], []),
  table('accounts', ['id', 'slug', 'name'], [], true),
  table('memberships', ['id', 'user_id', 'account_id'], ['user_id', 'account_id']),
  table('plans', ['id', 'name'], []),
]);

/** `table:kind[:keys]` for each unscoped table, or the analysis kind when it is not `checked`. */
function verdicts(text: string): string[] | string {
  const result: SqlAnalysis = analyzeSql(text, tables);
  if (result.kind !== 'checked') return result.kind;
  return result.verdicts.map((v) => [v.table.sqlName, v.kind, ...(v.keys.length ? [v.keys.join(',')] : [])].join(':'));
}

describe('analyzeSql: WHERE', () => {
  it('a tenant column compared with a value scopes the table', () => {
    expect(verdicts('SELECT * FROM invoices WHERE account_id = $1 AND status = $2')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE $1 = account_id')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE account_id = $1::uuid')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE account_id = ANY($1)')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE account_id IN ($1, $2)')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE (account_id, id) = ($1, $2)')).toEqual([]);
    expect(verdicts("SELECT * FROM invoices WHERE account_id = current_setting('app.account_id')")).toEqual([]);
  });

  it('no tenant predicate: unscoped; ids only: unscoped-unique', () => {
    expect(verdicts('SELECT * FROM invoices')).toEqual(['invoices:unscoped']);
    expect(verdicts("SELECT * FROM invoices WHERE status = 'open' AND account_id <> $1")).toEqual(['invoices:unscoped']);
    expect(verdicts('SELECT * FROM invoices WHERE id = $1')).toEqual(['invoices:unscoped-unique:id']);
    expect(verdicts('SELECT * FROM invoices WHERE project_id = $1 LIMIT 10')).toEqual(['invoices:unscoped-unique:project_id']);
    expect(verdicts('SELECT * FROM invoices WHERE NOT (account_id = $1)')).toEqual(['invoices:unscoped']);
  });

  it('OR scopes only when every branch does', () => {
    expect(verdicts("SELECT * FROM invoices WHERE (account_id = $1 AND status = 'open') OR (account_id = $2 AND status = 'draft')")).toEqual([]);
    expect(verdicts("SELECT * FROM invoices WHERE account_id = $1 OR status = 'overdue'")).toEqual(['invoices:unscoped']);
    expect(verdicts("SELECT * FROM invoices WHERE status = 'open' AND (account_id = $1 OR account_id = $2)")).toEqual([]);
  });

  it('a placeholder standing for a condition is unknown: never reported', () => {
    expect(verdicts('SELECT * FROM invoices WHERE $1')).toEqual([]);
    expect(verdicts("SELECT * FROM invoices WHERE status = 'open' AND $1::boolean")).toEqual([]);
    expect(verdicts("SELECT * FROM invoices WHERE status = 'open' OR $1")).toEqual([]);
  });

  it('tables that are not tenant-owned, and tenant roots, are not reported', () => {
    expect(verdicts('SELECT * FROM plans')).toEqual([]);
    expect(verdicts('SELECT * FROM accounts WHERE slug = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM unknown_table')).toEqual([]);
  });
});

describe('analyzeSql: joins and aliases', () => {
  it('a joined table scoped in its JOIN … ON', () => {
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.account_id = $1 AND n.invoice_id = i.id WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i LEFT JOIN notes n ON n.account_id = $1 WHERE i.account_id = $1')).toEqual([]);
  });

  it("a LEFT JOIN's ON restricts only the joined table", () => {
    expect(verdicts('SELECT * FROM invoices i LEFT JOIN notes n ON n.account_id = $1')).toEqual(['invoices:unscoped']);
  });

  it('equalities carry the pin across tables, also through the tenant root pinned by its id', () => {
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.account_id = i.account_id WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices JOIN notes USING (account_id) WHERE invoices.account_id = $1')).toEqual([]);
  });

  it('a root found by something else than its id does not scope its children', () => {
    expect(verdicts('SELECT i.* FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE a.slug = $1')).toEqual(['invoices:unscoped']);
  });

  it('rows joined by an id to scoped rows are scoped; joined by another column they are not', () => {
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.invoice_id = i.id WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN projects p ON p.id = i.project_id WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN line_items li ON li.invoice_id = i.id JOIN notes n ON n.invoice_id = li.invoice_id WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.body = i.status WHERE i.account_id = $1')).toEqual(['notes:unscoped']);
  });

  it('columns are qualified by alias, by table name, by schema-qualified table; unqualified ones by the columns they name', () => {
    expect(verdicts('SELECT * FROM invoices AS inv WHERE inv.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices inv WHERE invoices.account_id = $1')).toEqual(['invoices:unscoped']);
    expect(verdicts('SELECT * FROM public.invoices WHERE invoices.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM "invoices" WHERE "account_id" = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM Invoices WHERE Account_Id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN plans p ON p.id = $2 WHERE account_id = $1')).toEqual([]);
    // The invoices of scoped notes are scoped too: `i.id = n.invoice_id` finds the parents of the tenant's rows.
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.invoice_id = i.id WHERE n.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i JOIN notes n ON n.invoice_id = i.id WHERE account_id = $1')).toEqual([]);
  });
});

describe('analyzeSql: CTEs and subqueries', () => {
  it('a CTE scoped in its body', () => {
    expect(verdicts('WITH recent AS (SELECT * FROM invoices WHERE account_id = $1 LIMIT 10) SELECT * FROM recent')).toEqual([]);
  });

  it('a CTE filtered where it is used (the filter is pushed down)', () => {
    expect(verdicts('WITH totals AS (SELECT account_id, sum(amount_cents) AS t FROM invoices GROUP BY account_id) SELECT * FROM totals WHERE account_id = $1')).toEqual([]);
  });

  it('a CTE read unfiltered, or filtered in one use only', () => {
    expect(verdicts('WITH recent AS (SELECT * FROM invoices) SELECT * FROM recent')).toEqual(['invoices:unscoped']);
    expect(verdicts('WITH r AS (SELECT * FROM invoices) SELECT * FROM r WHERE account_id = $1 UNION ALL SELECT * FROM r')).toEqual(['invoices:unscoped']);
  });

  it('a scoped CTE scopes what joins it by id', () => {
    expect(verdicts('WITH mine AS (SELECT id FROM invoices WHERE account_id = $1) SELECT n.* FROM notes n JOIN mine ON n.invoice_id = mine.id')).toEqual([]);
  });

  it('a CTE named like a table shadows it', () => {
    expect(verdicts('WITH invoices AS (SELECT * FROM notes WHERE account_id = $1) SELECT * FROM invoices')).toEqual([]);
  });

  it('a subquery is checked on its own; ids it yields are vouched for by it', () => {
    const scoped = analyzeSql('SELECT * FROM notes WHERE invoice_id IN (SELECT id FROM invoices WHERE account_id = $1)', tables);
    expect(scoped.kind === 'checked' && scoped.verdicts.map((v) => [v.table.sqlName, v.keyValues.every((k) => k.fromQuery)])).toEqual([['notes', true]]);
    expect(verdicts('SELECT * FROM invoices WHERE account_id IN (SELECT account_id FROM memberships WHERE user_id = $1)')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices WHERE account_id = $1 AND project_id IN (SELECT id FROM projects)')).toEqual(['projects:unscoped']);
  });

  it('a correlated subquery sees the outer scope', () => {
    expect(verdicts('SELECT * FROM invoices i WHERE i.account_id = $1 AND EXISTS (SELECT 1 FROM notes n WHERE n.invoice_id = i.id)')).toEqual([]);
    expect(verdicts('SELECT i.*, (SELECT count(*) FROM notes n WHERE n.account_id = i.account_id) FROM invoices i WHERE i.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT a.id, l.* FROM accounts a CROSS JOIN LATERAL (SELECT * FROM invoices i WHERE i.account_id = a.id LIMIT 3) l WHERE a.id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM invoices i WHERE EXISTS (SELECT 1 FROM notes n WHERE n.invoice_id = i.id)')).toEqual(['invoices:unscoped', 'notes:unscoped']);
  });

  it('a derived table filtered outside', () => {
    expect(verdicts('SELECT * FROM (SELECT * FROM invoices) x WHERE x.account_id = $1')).toEqual([]);
    expect(verdicts('SELECT * FROM (SELECT * FROM invoices) x')).toEqual(['invoices:unscoped']);
  });
});

describe('analyzeSql: writes', () => {
  it('UPDATE and DELETE change rows; by id alone they are lookups', () => {
    const update = analyzeSql("UPDATE invoices SET status = 'void' WHERE id = $1 RETURNING *", tables);
    expect(update.kind === 'checked' && update.verdicts.map((v) => [v.kind, v.verb, v.keys, v.hasWhere])).toEqual([['unscoped-unique', 'changes', ['id'], true]]);
    expect(verdicts("DELETE FROM invoices WHERE status = 'draft'")).toEqual(['invoices:unscoped']);
    expect(verdicts('DELETE FROM invoices i WHERE i.id = $1 AND i.account_id = $2')).toEqual([]);
    expect(verdicts('UPDATE invoices AS i SET status = $1 WHERE i.account_id = $2')).toEqual([]);
  });

  it('UPDATE … FROM reads its other table', () => {
    expect(verdicts("UPDATE invoices i SET status = 'void' FROM accounts a WHERE a.id = i.account_id AND a.id = $1")).toEqual([]);
    expect(verdicts("UPDATE invoices i SET status = 'void' FROM accounts a WHERE a.id = i.account_id AND a.slug = $1")).toEqual(['invoices:unscoped']);
  });

  it('INSERT … VALUES reads nothing; INSERT … SELECT reads what it selects', () => {
    expect(verdicts("INSERT INTO invoices (account_id, number, status) VALUES ($1, $2, 'open') ON CONFLICT (account_id, number) DO NOTHING")).toEqual([]);
    expect(verdicts("INSERT INTO invoices (account_id, number) SELECT account_id, number + 1 FROM invoices WHERE status = 'open'")).toEqual(['invoices:unscoped']);
    expect(verdicts('INSERT INTO invoices (account_id, number) SELECT account_id, number + 1 FROM invoices WHERE account_id = $1')).toEqual([]);
  });

  it('TRUNCATE changes every tenant', () => {
    expect(verdicts('TRUNCATE invoices')).toEqual(['invoices:unscoped']);
  });

  it('reading only whose row it is is marked for the access-check exemption', () => {
    const owner = analyzeSql('SELECT account_id FROM invoices WHERE id = $1', tables);
    expect(owner.kind === 'checked' && owner.verdicts[0].readsOnlyKeys).toBe(true);
    const row = analyzeSql('SELECT * FROM invoices WHERE id = $1', tables);
    expect(row.kind === 'checked' && row.verdicts[0].readsOnlyKeys).toBe(false);
  });
});

describe('parseSql: fragments, unparsable text, caching', () => {
  it('text that is not a statement is a fragment', () => {
    expect(parseSql('account_id = $1').kind).toBe('fragment');
    expect(parseSql('$1 AND status = $2').kind).toBe('fragment');
    expect(parseSql('sum(amount_cents)').kind).toBe('fragment');
    expect(parseSql('-- list\n/* open ones */ SELECT 1').kind).toBe('statements');
    expect(parseSql('(SELECT 1) UNION (SELECT 2)').kind).toBe('statements');
  });

  it('a statement the parser cannot read is unparsable, with where it stopped, and is skipped', () => {
    const parsed = parseSql('DELETE FROM invoices USING accounts a WHERE invoices.account_id = a.id');
    expect(parsed).toEqual({ kind: 'unparsable', reason: 'line 1, column 22' });
    expect(analyzeSql('SELECT * FROM invoices WHERE account_id = ?', tables).kind).toBe('unparsable');
    expect(analyzeSql('SELEC * FROM invoices', tables).kind).toBe('fragment');
  });

  it('parses and analyses are cached by text', () => {
    const text = 'SELECT * FROM invoices WHERE status = $1';
    expect(parseSql(text)).toBe(parseSql(text));
    expect(analyzeSql(text, tables)).toBe(analyzeSql(text, tables));
  });

  it('quotes identifiers that need it', () => {
    expect(quoteIdentifier('account_id')).toBe('account_id');
    expect(quoteIdentifier('accountId')).toBe('"accountId"');
  });
});

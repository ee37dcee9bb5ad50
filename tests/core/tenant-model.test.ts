import { describe, expect, it } from 'vitest';
import { parseSchemaSource } from '../../src/core/prisma-schema.js';
import { parseSettings, TenantGuardConfigError } from '../../src/core/settings.js';
import { buildTenantModel, relationTarget } from '../../src/core/tenant-model.js';

const SCHEMA = `
model User {
  id          String       @id
  memberships Membership[]
  accounts    Account[]
  emails      EmailAccount[]
}
model Team {
  id       String     @id
  members  Membership[]
  docs     Doc[]
}
model Membership {
  id     String @id
  userId String
  teamId String
  user   User   @relation(fields: [userId], references: [id])
  team   Team   @relation(fields: [teamId], references: [id])
  @@unique([userId, teamId])
}
model Doc {
  id       String @id
  team_id  String
  team     Team   @relation(fields: [team_id], references: [id])
  surveyId String
  survey   Survey @relation(fields: [surveyId, team_id], references: [id, teamId])
}
model Survey {
  id     String @id
  teamId String
  docs   Doc[]
}
model Account {
  id                String @id
  userId            String
  provider          String
  providerAccountId String
  user              User   @relation(fields: [userId], references: [id])
  emailAccounts     EmailAccount[]
}
model EmailAccount {
  id        String  @id
  userId    String
  accountId String
  user      User    @relation(fields: [userId], references: [id])
  account   Account @relation(fields: [accountId], references: [id])
}
model Plan {
  id String @id
}
`;

const defs = parseSchemaSource(SCHEMA, 'schema.prisma').models;

describe('buildTenantModel', () => {
  const tenant = buildTenantModel(defs, parseSettings(undefined));
  const model = (name: string) => tenant.models.get(name)!;

  it('finds tenant fields in priority order, in either spelling', () => {
    expect(model('Membership').tenantFields).toEqual(['teamId', 'userId']);
    expect(model('Doc').tenantFields).toEqual(['team_id']);
    expect(model('Plan').tenantFields).toEqual([]);
  });

  it('marks the targets of tenant relations as roots, not the targets of compound keys that carry the tenant', () => {
    expect(model('Team').isRoot).toBe(true);
    expect(model('User').isRoot).toBe(true);
    expect(model('Survey').isRoot).toBe(false);
  });

  it("does not take next-auth's OAuth Account for a tenant", () => {
    expect(model('EmailAccount').tenantFields).toEqual(['userId']);
    expect(model('Account').isRoot).toBe(false);
    expect(model('Account').tenantFields).toEqual(['userId']);
  });

  it('indexes models by their Prisma client property', () => {
    expect(tenant.byDelegate.get('emailAccount')?.name).toBe('EmailAccount');
  });

  it('follows back-relations to the foreign keys that implement them', () => {
    expect(relationTarget(tenant, model('Team'), 'docs')).toMatchObject({ isList: true, childForeignKeys: ['team_id'] });
    expect(relationTarget(tenant, model('Doc'), 'team')).toMatchObject({ isList: false, childForeignKeys: ['id'] });
  });

  it('applies settings: pinned fields, public models, models declared only in settings, extra roots', () => {
    const configured = buildTenantModel(
      defs,
      parseSettings({ models: { Doc: 'surveyId', Membership: false, AuditLog: ['orgId'] }, tenantRoots: ['Plan'] }),
    );
    expect(configured.models.get('Doc')!.tenantFields).toEqual(['surveyId']);
    expect(configured.models.get('Membership')!.tenantFields).toEqual([]);
    expect(configured.models.get('AuditLog')).toMatchObject({ tenantFields: ['orgId'], fromSettingsOnly: true });
    expect(configured.models.get('Plan')!.isRoot).toBe(true);
  });

  it('replaces the default tenant fields when settings name them', () => {
    const configured = buildTenantModel(defs, parseSettings({ tenantFields: ['surveyId'] }));
    expect(configured.models.get('Doc')!.tenantFields).toEqual(['surveyId']);
    expect(configured.models.get('Membership')!.tenantFields).toEqual([]);
  });
});

describe('parseSettings', () => {
  it('has defaults', () => {
    expect(parseSettings(undefined)).toMatchObject({ models: {}, schema: [], sessionFunctions: [] });
    expect(parseSettings({}).tenantFields).toContain('accountId');
    expect(parseSettings({ supabaseTypes: 'types/supabase.ts' }).supabaseTypes).toEqual(['types/supabase.ts']);
  });

  it.each([
    [{ tenantFeilds: ['a'] }, /unknown key `tenantFeilds`/],
    [{ tenantFields: [] }, /`tenantFields` must name at least one field/],
    [{ tenantFields: [1] }, /`tenantFields` must be a string or a list/],
    [{ models: ['Invoice'] }, /`models` must be an object/],
    [{ models: { Invoice: true } }, /`models.Invoice` must be a field name, a list of field names, or false/],
    [{ models: { Invoice: [] } }, /`models.Invoice` names no field/],
    [{ supabaseTypes: [''] }, /`supabaseTypes` must be a string or a list of non-empty strings/],
    ['accountId', /expected an object/],
  ])('rejects %j with a message naming the key', (input, message) => {
    expect(() => parseSettings(input)).toThrow(TenantGuardConfigError);
    expect(() => parseSettings(input)).toThrow(message);
  });
});

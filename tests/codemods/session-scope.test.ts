import transform from '../../codemods/session-scope.js';
import { clientTenantTargets } from '../../src/codemod-targets.js';
import { fixtureSuite } from './fixture-suite.js';

fixtureSuite({
  name: 'session-scope',
  transform,
  defaultPath: (name, ext) => `app/api/${name}/route.${ext}`,
  // A server action's parameter the rewrite no longer uses is noted, not a finding left.
  notes: ['action-argument'],
  remaining: (source, filename, cwd, settings) =>
    clientTenantTargets(source, { filename, cwd, settings }).targets.map((t) => `${t.report.node.loc.start.line}:${t.report.node.loc.start.column + 1}`),
});

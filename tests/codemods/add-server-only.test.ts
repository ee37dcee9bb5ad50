import transform from '../../codemods/add-server-only.js';
import noSecretInClient from '../../rules/no-secret-in-client.js';
import { lintForTargets } from '../../src/codemod-targets.js';
import { fixtureSuite } from './fixture-suite.js';

// The fixture project is on disk (`project/`): who imports each module decides whether `server-only` may be added.
fixtureSuite({
  name: 'add-server-only',
  transform,
  defaultPath: (name, ext) => `project/lib/${name}.${ext}`,
  // What the rule still reports as its own `addServerOnly` target: a secret in a module only client modules import.
  remaining: (source, filename, cwd, settings) =>
    lintForTargets('no-secret-in-client', noSecretInClient, source, { filename, cwd, settings, ruleOptions: [{ checkImportedModules: true }] })
      .reports.filter((r) => r.suggestions.some((s) => s.messageId === 'addServerOnly'))
      .map((r) => `${r.node.loc.start.line}:${r.node.loc.start.column + 1}`),
});

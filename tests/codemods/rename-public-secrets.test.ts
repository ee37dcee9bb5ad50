import { basename } from 'node:path';
import transform from '../../codemods/rename-public-secrets.js';
import noPublicEnvSecret from '../../rules/no-public-env-secret.js';
import { lintDotenvForTargets, lintForTargets } from '../../src/codemod-targets.js';
import { isDotenvFileName } from '../../src/core/dotenv.js';
import { fixtureSuite } from './fixture-suite.js';

fixtureSuite({
  name: 'rename-public-secrets',
  transform,
  defaultPath: (name, ext) => (ext === 'env' ? '.env' : `lib/${name}.${ext}`),
  // A rename in a 'use client' module is made, with a note that the value is now undefined there.
  notes: ['client-module'],
  remaining: (source, filename, cwd, settings) => {
    if (isDotenvFileName(basename(filename))) {
      return lintDotenvForTargets('no-public-env-secret', noPublicEnvSecret, source, { filename, cwd, settings }).reports.map(
        (r) => `${r.entry!.loc.start.line}:${r.entry!.loc.start.column + 1}`,
      );
    }
    return lintForTargets('no-public-env-secret', noPublicEnvSecret, source, { filename, cwd, settings }).reports.map(
      (r) => `${r.node.loc.start.line}:${r.node.loc.start.column + 1}`,
    );
  },
});

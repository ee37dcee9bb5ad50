import transform from '../../codemods/stripe-customer-by-id.js';
import noStripeEmailLookup from '../../rules/no-stripe-email-lookup.js';
import { lintForTargets } from '../../src/codemod-targets.js';
import { fixtureSuite } from './fixture-suite.js';

fixtureSuite({
  name: 'stripe-customer-by-id',
  transform,
  defaultPath: (name, ext) => `app/api/${name}/route.${ext}`,
  remaining: (source, filename, cwd, settings) =>
    lintForTargets('no-stripe-email-lookup', noStripeEmailLookup, source, { filename, cwd, settings }).reports.map(
      (r) => `${r.node.loc.start.line}:${r.node.loc.start.column + 1}`,
    ),
});

// `npm run test:real:codemods`: every codemod, in dry mode, over the same real code as `npm run test:real` — the
// app checkouts in /work/real (unless CI is set) and the sources of selected packages in node_modules. Nothing is
// written. A codemod that throws (other than on input that does not parse) is a crash; output that does not parse
// is refused by the codemod machinery itself (`UnparsableOutputError`) and counted as broken. Exit 1 on either.
//
// Options: --packages A,B (default: next,stripe,@supabase/supabase-js,drizzle-orm,typescript-eslint), --no-packages,
//          --apps DIR (default /work/real), --no-apps, --limit N (files per project), --max-bytes N (default 400000)

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appCheckouts, installedPackages } from './real-code.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const packageNames = new Set(value('--packages', 'next,stripe,@supabase/supabase-js,drizzle-orm,typescript-eslint').split(','));
const appsDir = flag('--no-apps') || process.env.CI ? null : value('--apps', '/work/real');
const limit = Number(value('--limit', 'Infinity'));
const maxBytes = Number(value('--max-bytes', '400000'));

const { codemods } = await import(pathToFileURL(join(REPO, 'dist', 'codemods', 'index.js')).href);
const { runCodemod, UnparsableOutputError } = await import(pathToFileURL(join(REPO, 'dist', 'codemods', 'lib', 'codemod.js')).href);
const { UnparsableSourceError } = await import(pathToFileURL(join(REPO, 'dist', 'src', 'codemod-targets.js')).href);
const { readCodemodOptions } = await import(pathToFileURL(join(REPO, 'dist', 'codemods', 'lib', 'options.js')).href);

const transforms = [];
for (const [name, entry] of Object.entries(codemods)) transforms.push({ name, spec: (await entry.load()).default.codemod });

const projects = [
  ...(appsDir ? appCheckouts(appsDir) : []),
  ...(flag('--no-packages') ? [] : installedPackages(join(REPO, 'node_modules')).filter((p) => packageNames.has(p.name))),
];

const totals = { files: 0, runs: 0, changed: 0, reviews: 0, unparsable: 0, crashes: [], broken: [] };
const started = Date.now();
for (const project of projects) {
  const options = readCodemodOptions({ session: 'requireAuth from @/lib/auth', scope: ['accountId=session.accountId', 'teamId=session.teamId'], cwd: project.root });
  const files = project.files.slice(0, limit);
  for (const file of files) {
    let source;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (source.length > maxBytes) continue;
    totals.files++;
    for (const { name, spec } of transforms) {
      if (spec.accepts && !spec.accepts(file)) continue;
      totals.runs++;
      try {
        const result = runCodemod(spec, { source, filename: file, cwd: project.root, options });
        if (result.changed) totals.changed++;
        totals.reviews += result.reviews.length;
      } catch (error) {
        if (error instanceof UnparsableSourceError) totals.unparsable++;
        else if (error instanceof UnparsableOutputError) totals.broken.push({ name, file, message: error.message });
        else totals.crashes.push({ name, file, message: error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join('\n') : String(error) });
      }
    }
  }
  process.stderr.write(`test-real-codemods: ${project.name}: ${files.length} files\n`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `test-real-codemods: ${projects.length} projects, ${totals.files} files, ${transforms.length} codemods, ${totals.runs} runs in ${seconds}s: ` +
    `${totals.changed} would change, ${totals.reviews} review notes, ${totals.unparsable} inputs unparsable, ` +
    `${totals.broken.length} broken outputs, ${totals.crashes.length} crashes`,
);
for (const c of totals.crashes.slice(0, 20)) console.log(`CRASH ${c.name} ${c.file}\n  ${c.message}`);
for (const b of totals.broken.slice(0, 20)) console.log(`BROKEN ${b.name} ${b.file}\n  ${b.message}`);
process.exit(totals.crashes.length + totals.broken.length > 0 ? 1 : 0);

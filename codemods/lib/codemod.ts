/**
 * What every tenant-guard codemod shares: a transform is `defineCodemod({ name, run })`, where `run` looks at one
 * file (through `src/codemod-targets.ts`, i.e. the rule that reports the problem) and returns text edits, the
 * rewrites it made and the places it left for review. This module turns that into a jscodeshift transform that
 *
 * - applies the edits (formatting and comments outside them untouched) and checks the result still parses, with the
 *   rules' parser and with the jscodeshift parser it runs under (`tsx`, or `ts` for .ts files);
 * - reports each rewrite kind to `api.stats` and each review location to `api.report`, as jscodeshift expects;
 * - hands the structured result to `tenant-guard migrate` (its summary) through `api.tenantGuard`.
 */
import { isAbsolute, resolve } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type { API, FileInfo, Options } from 'jscodeshift';
import { applyEdits, lineColumn, mapOffset, type TextEdit } from './edits.js';
import { readCodemodOptions, type CodemodOptions } from './options.js';

export interface CodemodInput {
  source: string;
  /** Absolute path. */
  filename: string;
  /** The project directory (ESLint's cwd for the rules). */
  cwd: string;
  options: CodemodOptions;
}

export interface Rewrite {
  /** What was done, for the summary (`where: tenant added`). */
  kind: string;
  /** Offset in the input of what it concerns (the query). */
  at: number;
}

export interface Review {
  /** The finding that was left (`unscoped-root`), or why (`no-session`). */
  kind: string;
  at: number;
  reason: string;
}

export interface CodemodPlan {
  edits: TextEdit[];
  rewrites: Rewrite[];
  reviews: Review[];
}

export interface CodemodSpec {
  name: string;
  run(input: CodemodInput): CodemodPlan;
  /**
   * The files `tenant-guard migrate` hands to it, by absolute path. Default: JavaScript and TypeScript sources
   * (not `.d.ts`). A codemod that also edits other files (`.env*`) says so here.
   */
  accepts?: (filename: string) => boolean;
  /**
   * What one rewrite is, for the summary's count (`3 queries rewritten`): default query/queries. Rewrites whose
   * kind starts with `session:` or `cleanup:`, and `import added`, go with another one and are not counted.
   */
  unit?: { one: string; many: string };
}

export interface Location {
  line: number;
  column: number;
}

/** One file's outcome, with positions in the output (where a reader of the rewritten file finds them). */
export interface CodemodResult {
  file: string;
  output: string;
  changed: boolean;
  rewrites: Array<{ kind: string } & Location>;
  reviews: Array<{ kind: string; reason: string } & Location>;
}

/** `api.tenantGuard`: set by `tenant-guard migrate` to receive each file's result. */
export interface TenantGuardAPI extends API {
  tenantGuard?: { onResult(result: CodemodResult): void };
}

export class UnparsableOutputError extends Error {}

export type CodemodTransform = ((file: FileInfo, api: API, options: Options) => string) & { codemod: CodemodSpec };

export function runCodemod(spec: CodemodSpec, input: CodemodInput): CodemodResult {
  // ESLint reads the text without its byte order mark, and the edits are positions in what ESLint read.
  const bom = input.source.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = input.source.slice(bom.length);
  const plan = spec.run({ ...input, source });
  // Inserted lines end the way the file's lines do.
  const edits = source.includes('\r\n') ? plan.edits.map((e) => ({ ...e, text: e.text.replace(/\r?\n/g, '\r\n') })) : plan.edits;
  const text = edits.length > 0 ? applyEdits(source, edits) : source;
  if (text !== source && isScript(input.filename)) {
    // With the parser the rules use, which knows .ts from .tsx by the file name: a broken rewrite is never written.
    // (Other files a codemod accepts, such as `.env*`, are line-based and have no such parser.)
    try {
      parse(text, { filePath: input.filename, jsx: !/\.[cm]?ts$/.test(input.filename), loc: false, range: false });
    } catch (error) {
      throw new UnparsableOutputError(
        `${spec.name} produced code that does not parse in ${input.filename} (${error instanceof Error ? error.message : String(error)}); nothing was written. Please report this.`,
      );
    }
  }
  const where = (at: number): Location => lineColumn(text, mapOffset(at, edits));
  return {
    file: input.filename,
    output: bom + text,
    changed: text !== source,
    rewrites: plan.rewrites.map((r) => ({ kind: r.kind, ...where(r.at) })),
    reviews: plan.reviews.map((r) => ({ kind: r.kind, reason: r.reason, ...where(r.at) })),
  };
}

export function defineCodemod(spec: CodemodSpec): CodemodTransform {
  const transform = (file: FileInfo, api: API, rawOptions: Options): string => {
    const options = readCodemodOptions(rawOptions);
    const cwd = options.cwd ?? process.cwd();
    const filename = isAbsolute(file.path) ? file.path : resolve(cwd, file.path);
    const result = runCodemod(spec, { source: file.source, filename, cwd, options });
    // And with the jscodeshift parser it runs under, unless that one could not read the input either (`--parser tsx`
    // on a .ts file with `<T>value` assertions).
    if (result.changed && isScript(filename) && !parses(api, result.output) && parses(api, file.source)) {
      throw new UnparsableOutputError(`${spec.name} produced code that jscodeshift's parser does not read in ${file.path}; nothing was written. Please report this.`);
    }
    for (const rewrite of result.rewrites) api.stats?.(rewrite.kind);
    for (const review of result.reviews) api.report?.(`${review.line}:${review.column}: ${REVIEW_PREFIX}${review.kind}: ${review.reason}`);
    (api as TenantGuardAPI).tenantGuard?.onResult(result);
    return result.output;
  };
  return Object.assign(transform, { codemod: spec });
}

const REVIEW_PREFIX = 'review: ';

/** A JavaScript or TypeScript file (what the parsers read), as opposed to a `.env` file a codemod may also edit. */
function isScript(filename: string): boolean {
  return /\.(?:[cm]?[jt]s|[jt]sx)$/.test(filename);
}

function parses(api: API, source: string): boolean {
  try {
    api.jscodeshift(source);
    return true;
  } catch {
    return false;
  }
}

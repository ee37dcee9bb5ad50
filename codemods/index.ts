/**
 * The jscodeshift transforms of tenant-guard, by name: one file per transform in this folder, each finding its
 * targets with `src/core/` (never a second copy of the detection logic) and tested with input/output fixtures under
 * `tests/codemods/<name>/`. The registry is empty until the first transform lands; `tests/codemods/registry.test.ts`
 * holds every entry to those conventions.
 */
export interface CodemodEntry {
  /** Module path of the transform, relative to this folder (`./scope-queries.js`). */
  module: string;
  description: string;
}

export const codemods: Record<string, CodemodEntry> = {};

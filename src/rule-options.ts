import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** The JSON schema of an option that lists names or globs: a list of non-empty strings, with its description. */
export function stringListOption(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1 }, description };
}

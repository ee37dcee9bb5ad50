import { describe, expect, it } from 'vitest';
import { parseJsonc } from '../../src/core/jsonc.js';

describe('parseJsonc', () => {
  it('drops comments and trailing commas, but not comment-like text inside strings', () => {
    const text = `{
  // Next.js
  "compilerOptions": { "paths": { "@/*": ["./src/*"], }, /* aliases */ "baseUrl": "." },
  "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
  "url": "https://example.com/a//b", "quote": "say \\"hi\\" // not a comment",
}`;
    expect(parseJsonc(text)).toEqual({
      compilerOptions: { paths: { '@/*': ['./src/*'] }, baseUrl: '.' },
      include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts'],
      url: 'https://example.com/a//b',
      quote: 'say "hi" // not a comment',
    });
  });

  it('throws on what is not JSON at all', () => {
    expect(() => parseJsonc('{ compilerOptions: }')).toThrow();
  });
});

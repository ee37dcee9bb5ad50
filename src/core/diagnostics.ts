/**
 * One-time warnings about the project rather than about a line of code: a schema that does not parse, a project
 * with Prisma queries but no schema. A rule cannot report those as lint messages (they belong to no file), and
 * repeating them per file would bury the findings, so each distinct warning is emitted once per process.
 */
export interface Diagnostic {
  /** Stable identity used to deduplicate, e.g. `schema-parse:/abs/path/schema.prisma`. */
  key: string;
  message: string;
}

type Sink = (diagnostic: Diagnostic) => void;

const seen = new Set<string>();
const defaultSink: Sink = (d) => {
  // stderr, so `--format json` output on stdout stays machine-readable.
  console.warn(`tenant-guard: ${d.message}`);
};
let sink: Sink = defaultSink;

export function warnOnce(key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  sink({ key, message });
}

/** Redirects warnings (the CLI collects them for its summary; tests capture them). Returns a restore function. */
export function setDiagnosticSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

/** Forgets which warnings were emitted, so a long-lived process (or a test) sees them again after a reset. */
export function resetDiagnostics(): void {
  seen.clear();
}

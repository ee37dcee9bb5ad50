import { pathToFileURL } from 'node:url';
import type { Finding, Report } from './report.js';

/**
 * SARIF 2.1.0, the format GitHub code scanning (and most other security dashboards) ingest. Written by hand so the
 * package does not depend on @microsoft/eslint-formatter-sarif, which brings its own copy of ESLint 8.
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/tenant-guard/tenant-guard';
const SRCROOT = '%SRCROOT%';

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: string };
    region?: SarifRegion;
  };
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error';
  message: { text: string };
  locations: SarifLocation[];
}

interface SarifNotification {
  level: 'warning' | 'error';
  message: { text: string };
  locations?: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifRule[];
      };
    };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }>;
  }>;
}

/**
 * A relative path as a relative URI reference (RFC 3986, which SARIF's `uri-reference` format means): percent-encodes
 * what a URI path cannot hold (spaces, `%`, `#`, `?`, non-ASCII...), including `[` and `]`, which RFC 3986 allows only
 * around an IP literal host. Next.js routes are full of them (`app/[id]/route.ts` → `app/%5Bid%5D/route.ts`), and
 * GitHub's `upload-sarif` rejects the whole log when one `uri` does not conform to `uri-reference`; consumers decode
 * the escapes to find the file.
 */
export function toUriPath(relativePath: string): string {
  return encodeURI(relativePath).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

function location(file: string, region?: SarifRegion): SarifLocation {
  const physicalLocation: SarifLocation['physicalLocation'] = {
    artifactLocation: { uri: toUriPath(file), uriBaseId: SRCROOT },
  };
  if (region) physicalLocation.region = region;
  return { physicalLocation };
}

function region(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): SarifRegion {
  // ESLint's columns are 1-based and its end column is exclusive, which is what SARIF means by endColumn too.
  const r: SarifRegion = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) };
  if (f.endLine !== undefined) r.endLine = f.endLine;
  if (f.endColumn !== undefined) r.endColumn = f.endColumn;
  return r;
}

export function toSarif(report: Report): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of report.findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    const docs = report.rulesMeta[f.ruleId]?.docs;
    const rule: SarifRule = {
      id: f.ruleId,
      shortDescription: { text: docs?.description ?? f.ruleId },
      ...(docs?.url && { helpUri: docs.url }),
      defaultConfiguration: { level: 'error' },
    };
    ruleIndex.set(f.ruleId, rules.length);
    rules.push(rule);
  }

  const results: SarifResult[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: 'error',
    message: { text: f.message },
    locations: [location(f.file, region(f))],
  }));

  const notifications: SarifNotification[] = [
    ...report.skipped.map(
      (s): SarifNotification => ({
        level: 'warning',
        message: { text: `Skipped (could not parse): ${s.message}` },
        locations: [location(s.file, s.line === undefined ? undefined : region({ line: s.line, column: s.column ?? 1 }))],
      }),
    ),
    ...report.failed.map(
      (f): SarifNotification => ({
        level: 'error',
        message: { text: `Not checked (tenant-guard crashed): ${f.message}` },
        locations: [location(f.file)],
      }),
    ),
    ...report.warnings.map((w): SarifNotification => ({ level: 'warning', message: { text: w.message } })),
  ];

  const rootUri = pathToFileURL(report.root).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tenant-guard',
            version: report.version,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        // A base URI must end with a slash, or relative references would resolve against its parent.
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: report.failed.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

export function formatSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}

import { dirname, relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { createQueryScope, helperRows, queriesAt } from '../src/core/exposed-rows.js';
import { ANY_PATH, sinksReached, type Reach, type Sink } from '../src/core/row-flow.js';
import type { Exposure, SelectTarget } from '../src/core/select-shape.js';
import { nearestDirWith } from '../src/core/file-cache.js';
import { createTypeHelper } from '../src/core/types.js';
import { addFirstProperty } from '../src/fixes.js';

type Options = [{ checkAllModels?: boolean }];
type MessageIds = 'fullRow' | 'fullRelation' | 'fullRowStrict' | 'selectedSensitive' | 'helperRow' | 'selectFields' | 'omitFields';

/** Files without any of these send nothing to the browser that this rule can see: skipped before any analysis. */
const SINK_HINT = /\.json\s*\(|\.send\s*\(|new (?:Next)?Response\b|use server|getServerSideProps|getStaticProps|\.action\s*\(|\.query\s*\(|\.mutation\s*\(|\.handler\s*\(|<[A-Z]/;
/** How many field names a message lists before `…` (the suggestion always lists them all). */
const LISTED = 4;

export default createRule<Options, MessageIds>({
  name: 'require-select-shape',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require queries whose rows are sent to the browser to select the fields it needs, leaving secrets out',
      recommended: true,
      strictOptions: [{ checkAllModels: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllModels: {
            type: 'boolean',
            description: 'Also report whole rows of models without sensitive fields that are sent to the browser (on in `strict`).',
          },
        },
      },
    ],
    defaultOptions: [{ checkAllModels: false }],
    messages: {
      fullRow:
        '`{{call}}` reads whole {{model}} rows, with {{fields}}, and {{sink}}. Select only the fields the client needs: `{{fix}}`.',
      fullRelation:
        '`{{relation}}` brings whole {{model}} rows, with {{fields}}, into what `{{call}}` returns, and {{sink}}. Select only the fields the client needs: `{{fix}}`.',
      fullRowStrict:
        '`{{call}}` reads whole {{model}} rows and {{sink}}: every column, including any added later, goes to the browser. Select only the fields the client needs: `{{fix}}`.',
      selectedSensitive:
        '`{{call}}` selects {{fields}} of {{model}}, and {{sink}}. Leave {{them}} out of the selection: the browser has no use for {{them}}.',
      helperRow:
        '`{{helper}}()` returns {{what}}, with {{fields}}, read by `{{call}}` in {{where}}, and {{sink}}. Select only the fields the client needs in that query{{fix}}.',
      selectFields: 'Select only the non-sensitive fields: {{fields}}.',
      omitFields: 'Omit {{fields}}.',
    },
  },
  defaultOptions: [{ checkAllModels: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!SINK_HINT.test(sourceCode.text)) return {};
    const filename = context.filename;
    const cwd = context.cwd;
    const all = options.checkAllModels ?? false;
    const flow = { sourceCode, filename };
    const scope = createQueryScope({ sourceCode, filename, cwd, rawSettings: context.settings, all, types: () => createTypeHelper(context) });

    const reported = new Set<TSESTree.Node>();

    function check(start: TSESTree.Node, exposures: Exposure[]): void {
      if (exposures.length === 0) return;
      const reaches = sinksReached(start, exposures.map((e) => ({ item: e, path: e.path, fields: e.fields })), flow);
      for (const exposure of exposures) {
        const reach = firstReach(reaches, exposure);
        if (reach) report(exposure, reach.sink, reach.fields);
      }
    }

    function report(exposure: Exposure, sink: Sink, fields: string[]): void {
      const node = exposure.node as TSESTree.Node;
      if (reported.has(node)) return;
      reported.add(node);
      const model = exposure.row.name;
      const safe = exposure.row.fields.filter((f) => !exposure.row.sensitive.includes(f));
      const data = {
        call: exposure.call,
        model,
        relation: exposure.relation ?? '',
        fields: quoted(fields),
        them: fields.length === 1 ? 'it' : 'them',
        sink: sinkPhrase(sink),
        fix: fixText(exposure, safe, fields),
      };
      if (exposure.kind === 'selected') {
        context.report({ node, messageId: 'selectedSensitive', data });
        return;
      }
      const messageId = fields.length === 0 ? 'fullRowStrict' : exposure.relation ? 'fullRelation' : 'fullRow';
      context.report({ node, messageId, data, suggest: suggestions(exposure, safe, fields) });
    }

    function suggestions(exposure: Exposure, safe: string[], fields: string[]): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const target = exposure.target;
      if (!target || safe.length === 0) return [];
      const select = (fix: TSESLint.ReportFixFunction) => ({ messageId: 'selectFields' as const, data: { fields: quoted(safe, Infinity) }, fix });
      const omit = (fix: TSESLint.ReportFixFunction) => ({ messageId: 'omitFields' as const, data: { fields: quoted(fields, Infinity) }, fix });
      const trues = (names: string[]) => `{ ${names.map((f) => `${f}: true`).join(', ')} }`;
      switch (target.kind) {
        case 'prisma-args': {
          const out: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
          const args = target.args;
          const existingOmit = args ? objectProperty(args, 'omit') : undefined;
          if (!target.hasInclude && !existingOmit) {
            out.push(select((fixer) => (args ? addFirstProperty(fixer, sourceCode, args, `select: ${trues(safe)}`) : insertArgument(fixer, target.call, `{ select: ${trues(safe)} }`))));
          }
          if (fields.length > 0) {
            const omitObject = existingOmit?.value.type === AST_NODE_TYPES.ObjectExpression ? existingOmit.value : null;
            if (existingOmit && !omitObject) return out;
            out.push(
              omit((fixer) =>
                omitObject
                  ? omitInto(fixer, omitObject, fields)
                  : args
                    ? addFirstProperty(fixer, sourceCode, args, `omit: ${trues(fields)}`)
                    : insertArgument(fixer, target.call, `{ omit: ${trues(fields)} }`),
              ),
            );
          }
          return out;
        }
        case 'prisma-relation': {
          const value = target.property.value;
          const out: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [select((fixer) => fixer.replaceText(value, `{ select: ${trues(safe)} }`))];
          if (fields.length > 0) out.push(omit((fixer) => fixer.replaceText(value, `{ omit: ${trues(fields)} }`)));
          return out;
        }
        case 'drizzle-select':
          return [select((fixer) => insertArgument(fixer, target.select, `{ ${safe.map((f) => `${f}: ${target.table}.${f}`).join(', ')} }`))];
        case 'drizzle-columns': {
          const args = target.args;
          if (args && objectProperty(args, 'columns')) return [];
          return [select((fixer) => (args ? addFirstProperty(fixer, sourceCode, args, `columns: ${trues(safe)}`) : insertArgument(fixer, target.call, `{ columns: ${trues(safe)} }`)))];
        }
        case 'supabase-select': {
          const list = safe.join(', ');
          if (!target.star) return [select((fixer) => insertArgument(fixer, target.select, `'${list}'`))];
          const star = target.star;
          if (star.type !== AST_NODE_TYPES.Literal || typeof star.value !== 'string' || star.value.trim() !== '*') return [];
          const quote = sourceCode.getText(star)[0];
          return [select((fixer) => fixer.replaceText(star, `${quote}${list}${quote}`))];
        }
      }
    }

    /** Adds `field: true` to an `omit` literal, turning an existing `field: false` into `true`. */
    function omitInto(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, fields: string[]): TSESLint.RuleFix[] {
      const fixes: TSESLint.RuleFix[] = [];
      const added: string[] = [];
      for (const field of fields) {
        const existing = objectProperty(object, field);
        if (existing) fixes.push(fixer.replaceText(existing.value, 'true'));
        else added.push(`${field}: true`);
      }
      if (added.length > 0) fixes.push(addFirstProperty(fixer, sourceCode, object, added.join(', ')));
      return fixes;
    }

    function insertArgument(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression, text: string): TSESLint.RuleFix {
      return fixer.insertTextBefore(sourceCode.getLastToken(call)!, text);
    }

    function checkHelper(node: TSESTree.CallExpression): void {
      // Cheap first: does any part of what the call returns reach the browser? Only then read the helper's module.
      if (!reachesSink(node)) return;
      const rows = helperRows(node, scope);
      if (!rows) return;
      const reaches = sinksReached(node, rows.items, flow);
      for (const { item } of rows.items) {
        const reach = firstReach(reaches, item);
        if (!reach) continue;
        const at = node.callee;
        if (reported.has(at)) return;
        reported.add(at);
        const fields = reach.fields;
        const line = (item.node as TSESTree.Node).loc?.start.line;
        const safe = item.row.fields.filter((f) => !item.row.sensitive.includes(f));
        context.report({
          node: at,
          messageId: 'helperRow',
          data: {
            helper: rows.helper,
            what: item.kind === 'selected' ? `${item.row.name} rows` : item.relation ? `whole ${item.row.name} rows under \`${item.relation}\`` : `whole ${item.row.name} rows`,
            fields: fields.length > 0 ? quoted(fields) : 'every column, including any added later',
            call: item.call,
            where: `${displayPath(rows.file, filename, cwd)}${line ? `:${line}` : ''}`,
            sink: sinkPhrase(reach.sink),
            fix: item.kind === 'selected' ? '' : `: \`${fixText(item, safe, fields)}\``,
          },
        });
        return;
      }
    }

    function reachesSink(node: TSESTree.CallExpression): boolean {
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.Identifier && !(callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier)) return false;
      return sinksReached(node, [{ item: null, path: ANY_PATH, fields: [] }], flow).length > 0;
    }

    return {
      CallExpression(node) {
        const queries = queriesAt(node, scope);
        for (const query of queries) check(query.start as TSESTree.Node, query.exposures);
        if (queries.length === 0) checkHelper(node);
      },
    };
  },
});

function firstReach(reaches: Reach<Exposure>[], exposure: Exposure): { sink: Sink; fields: string[] } | null {
  for (const reach of reaches) {
    const tracked = reach.tracked.find((t) => t.item === exposure);
    if (tracked) return { sink: reach.sink, fields: tracked.fields };
  }
  return null;
}

function objectProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find(
    (p): p is TSESTree.Property =>
      p.type === AST_NODE_TYPES.Property && !p.computed && ((p.key.type === AST_NODE_TYPES.Identifier && p.key.name === key) || (p.key.type === AST_NODE_TYPES.Literal && p.key.value === key)),
  );
}

/** The helper's file as the project names it: relative to the linted file's package, else to the ESLint cwd. */
function displayPath(file: string, from: string, cwd: string): string {
  const root = nearestDirWith(dirname(from), 'package.json');
  const base = root && !relative(root, file).startsWith('..') ? root : cwd;
  return relative(base, file).split('\\').join('/');
}

function quoted(fields: string[], max = LISTED): string {
  const names = fields.map((f) => `\`${f}\``);
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function sinkPhrase(sink: Sink): string {
  switch (sink.kind) {
    case 'response':
      return `\`${sink.label}\` sends them to the browser`;
    case 'action':
      return `${sink.label} returns them to the browser`;
    case 'page-props':
      return `${sink.label} sends them to the browser as page props`;
    case 'client-prop':
      return `they are passed to the client component \`${sink.label}\`, whose props are sent to the browser`;
    case 'returned':
      return `${sink.label} returns them`;
  }
}

/** The selection to write, in the layer's syntax, as the message shows it (a few fields, then `…`). */
function fixText(exposure: Exposure, safe: string[], fields: string[]): string {
  const shown = safe.length > LISTED ? [...safe.slice(0, LISTED), '…'] : safe;
  const trues = `{ ${shown.map((f) => (f === '…' ? f : `${f}: true`)).join(', ')} }`;
  const target: SelectTarget | null = exposure.target;
  if (exposure.kind === 'selected') return '';
  switch (exposure.layer) {
    case 'prisma':
      if (target?.kind === 'prisma-args' && target.hasInclude && fields.length > 0) return `omit: { ${fields.map((f) => `${f}: true`).join(', ')} }`;
      if (exposure.relation) return `${exposure.relation}: { select: ${trues} }`;
      return `select: ${trues}`;
    case 'drizzle':
      if (target?.kind === 'drizzle-select') return `select({ ${shown.map((f) => (f === '…' ? f : `${f}: ${target.table}.${f}`)).join(', ')} })`;
      if (target?.kind === 'drizzle-columns' || exposure.relation) return exposure.relation ? `${exposure.relation}: { columns: ${trues} }` : `columns: ${trues}`;
      return `select({ ${shown.map((f) => (f === '…' ? f : `${f}: ${exposure.row.name}.${f}`)).join(', ')} })`;
    case 'supabase':
      if (exposure.relation) return `${exposure.relation}(${shown.join(', ')})`;
      return `.select('${shown.join(', ')}')`;
  }
}

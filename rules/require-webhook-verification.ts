import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { calleeName, findVariable, isFunction, memberName, propertyKeyName, resolveValue, unwrap, walk, type FunctionNode, type Node } from '../src/core/ast.js';
import { exitsEarly } from '../src/core/guards.js';
import { matchesAnyGlob } from '../src/core/paths.js';
import { isEntryFunction, readsRequestInput } from '../src/core/request-input.js';
import {
  databaseWrite,
  dispatchedValue,
  eventEvidence,
  eventWrites,
  isVerificationCall,
  STRIPE_TEXT,
  stripeTypeName,
  verifiesOrFetches,
  createStripeContext,
} from '../src/core/stripe.js';

/** Tests post hand-made events to handlers on purpose. */
export const DEFAULT_ALLOW_PATHS = ['**/*.{test,spec}.*', '**/__tests__/**', '**/__mocks__/**'];

/** A helper that verifies the request itself (`verifyStripeSignature(req)`): the event after it is not judged. */
const VERIFYING_HELPER = /verif|signature|validateWebhook|isValidWebhook|constructEvent/i;
const LOGGING_METHODS = /^(log|info|warn|error|debug|trace|captureException|captureMessage)$/;
const LOGGERS = /^(console|logger|log|Sentry)$/i;
const PAGES_API = /(^|[\\/])pages[\\/]api[\\/]/;

type Options = [{ requireIdempotency?: boolean; allowPaths?: string[] }];
type MessageIds = 'unverified' | 'parsedBody' | 'optionalVerification' | 'bodyParser' | 'notIdempotent' | 'addBodyParserConfig' | 'useRawBody';

type Source = 'verified' | 'fetched' | 'request' | 'other';

interface Candidate {
  /** The event's name in messages: `event`, `req.body`. */
  name: string;
  fn: FunctionNode;
  variable: TSESLint.Scope.Variable | null;
  writes: Array<{ node: Node; source: Source }>;
  /** The destructuring pattern the event was read into, when it was (`const { type, data } = await req.json()`). */
  pattern: TSESTree.ObjectPattern | null;
}

export default createRule<Options, MessageIds>({
  name: 'require-webhook-verification',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require Stripe webhook handlers to verify the signature on the raw body (and, in strict, to be idempotent)',
      recommended: true,
      strictOptions: [{ requireIdempotency: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireIdempotency: {
            type: 'boolean',
            description: 'Also report handlers that write to the database without first recording or checking `event.id` (on in `strict`).',
          },
          allowPaths: stringListOption('Globs (relative to the ESLint cwd) of files not checked. Replaces the default list (tests).'),
        },
      },
    ],
    defaultOptions: [{ requireIdempotency: false, allowPaths: DEFAULT_ALLOW_PATHS }],
    messages: {
      unverified:
        'Stripe event `{{event}}` is read from `{{source}}` without checking its signature, so anyone can POST a forged event to this URL ' +
        '(a `checkout.session.completed` for an account that never paid). Build it with ' +
        '`stripe.webhooks.constructEvent({{raw}}, signature, process.env.STRIPE_WEBHOOK_SECRET)` from the raw body{{how}} and the `stripe-signature` header, ' +
        'and answer 400 when it throws.',
      parsedBody:
        '`{{call}}` is given `{{body}}`, a body that was parsed and serialised again. Stripe signs the exact bytes it sent, so this fails on genuine events ' +
        '(and skipping verification when it fails lets forged ones in). Pass the raw body: {{raw}}.',
      optionalVerification:
        'Stripe event `{{event}}` falls back to the unverified `{{source}}` when the signature check is skipped or fails, so a missing secret or a forged request is still processed. ' +
        'Reject the request instead (answer 400 when `constructEvent` throws or the secret or signature is missing) and use only the event it returns.',
      bodyParser:
        'This pages-router webhook keeps Next.js\'s body parser on, so the raw bytes Stripe signed are gone before `{{call}}` runs and verification cannot succeed. ' +
        'Add `export const config = { api: { bodyParser: false } };` and read the raw body from the request stream.',
      notIdempotent:
        '`{{call}}` runs again each time Stripe delivers `{{event}}` again (it retries, and can send one event more than once), and nothing here checks `{{event}}.id` first. ' +
        'Record the event id before writing (a `StripeEvent` row with a unique `id`) and skip events already processed.',
      addBodyParserConfig: 'Add `export const config = { api: { bodyParser: false } };`.',
      useRawBody: 'Pass the raw body: `{{raw}}`.',
    },
  },
  defaultOptions: [{ requireIdempotency: false, allowPaths: DEFAULT_ALLOW_PATHS }],
  create(context, [options]) {
    const { filename, cwd, sourceCode } = context;
    if (matchesAnyGlob(filename, cwd, options.allowPaths ?? DEFAULT_ALLOW_PATHS)) return {};
    if (!STRIPE_TEXT.test(sourceCode.text) && !/constructEvent/.test(sourceCode.text)) return {};
    const ctx = createStripeContext(context);
    const pagesRouter = PAGES_API.test(filename.split('\\').join('/'));
    const verifications: TSESTree.CallExpression[] = [];
    const dispatched: Node[] = [];
    const dataObjects: TSESTree.Identifier[] = [];
    const typedDeclarators: TSESTree.VariableDeclarator[] = [];

    function rawBodyHint(fn: FunctionNode | null): string {
      const req = requestName(fn);
      return pagesRouter ? `the raw body read from \`${req}\` with \`bodyParser: false\`` : `\`await ${req}.text()\``;
    }

    function classify(write: Node): Source {
      const verified = verifiesOrFetches(write, ctx);
      if (verified) return verified;
      if (isRequestRead(write, sourceCode, filename)) return 'request';
      return 'other';
    }

    /** The event a dispatch compares, as a candidate: a variable, a destructured object, or a request expression. */
    function candidateOf(expression: Node): Candidate | null {
      let value = unwrap(expression);
      if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
      if (value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'type') return eventCandidate(unwrap(value.object));
      if (value.type === AST_NODE_TYPES.Identifier) {
        // `const { type, data } = await req.json(); switch (type)`: the destructured object is the event.
        const def = findVariable(sourceCode, value)?.defs[0];
        const prop = def?.name.parent;
        if (def?.type !== 'Variable' || prop?.type !== AST_NODE_TYPES.Property || propertyKeyName(prop) !== 'type') return null;
        const declarator = def.node as TSESTree.VariableDeclarator;
        const fn = enclosingFunction(declarator);
        if (!declarator.init || declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !fn) return null;
        return { name: sourceCode.getText(declarator.init), fn, variable: null, writes: [{ node: declarator.init, source: classify(declarator.init) }], pattern: declarator.id };
      }
      return null;
    }

    function eventCandidate(object: Node): Candidate | null {
      if (object.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, object);
        const def = variable?.defs[0];
        if (!variable || def?.type !== 'Variable') return null; // a parameter: the caller decides what it passes
        const fn = enclosingFunction(def.node);
        if (!fn) return null;
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
        return { name: object.name, fn, variable, writes: eventWrites(variable).map((node) => ({ node, source: classify(node) })), pattern: null };
      }
      // `switch (req.body.type)`, `(await req.json()).type`
      const fn = enclosingFunction(object);
      if (!fn || !readsRequestInput(object)) return null;
      return { name: sourceCode.getText(object as TSESTree.Node), fn, variable: null, writes: [{ node: object, source: 'request' }], pattern: null };
    }

    function checkCandidate(candidate: Candidate, bodyParserReported: boolean): void {
      const verified = candidate.writes.filter((w) => w.source === 'verified' || w.source === 'fetched');
      const requested = candidate.writes.filter((w) => w.source === 'request');
      if (verified.length > 0) {
        if (requested.length > 0 && verified.some((w) => isConditional(w.node, candidate.fn))) {
          context.report({
            node: requested[0].node as TSESTree.Node,
            messageId: 'optionalVerification',
            data: { event: candidate.name, source: short(sourceCode.getText(requested[0].node as TSESTree.Node)) },
          });
        }
      } else if (requested.length > 0 && !verifiesInside(candidate.fn) && !bodyParserReported) {
        context.report({
          node: requested[0].node as TSESTree.Node,
          messageId: 'unverified',
          data: {
            event: candidate.name,
            source: short(sourceCode.getText(requested[0].node as TSESTree.Node)),
            raw: pagesRouter ? 'rawBody' : `await ${requestName(candidate.fn)}.text()`,
            how: pagesRouter ? ' (with `export const config = { api: { bodyParser: false } }`, read from the request stream)' : '',
          },
        });
      }
      if (options.requireIdempotency && (verified.length > 0 || requested.length > 0)) checkIdempotency(candidate);
    }

    function checkIdempotency(candidate: Candidate): void {
      const writes: Array<{ call: TSESTree.CallExpression; text: string }> = [];
      walk(candidate.fn, (n) => {
        if (n.type === AST_NODE_TYPES.CallExpression) {
          const text = databaseWrite(n, ctx);
          if (text) writes.push({ call: n, text });
        }
      });
      const first = writes.sort((a, b) => a.call.range[0] - b.call.range[0])[0];
      if (!first) return;
      if (candidate.pattern?.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'id')) return;
      if (candidate.variable && checksEventId(candidate.variable, first.call)) return;
      context.report({ node: first.call.callee as TSESTree.Node, messageId: 'notIdempotent', data: { call: first.text, event: candidate.variable ? candidate.name : 'the event' } });
    }

    return {
      CallExpression(node) {
        if (isVerificationCall(node)) verifications.push(node);
        else if (dispatchedValue(node, ctx)) dispatched.push(dispatchedValue(node, ctx)!);
      },
      BinaryExpression(node) {
        const value = dispatchedValue(node, ctx);
        if (value) dispatched.push(value);
      },
      SwitchStatement(node) {
        const value = dispatchedValue(node, ctx);
        if (value) dispatched.push(value);
      },
      'MemberExpression[property.name="object"] > MemberExpression.object[property.name="data"] > Identifier.object'(node: TSESTree.Identifier) {
        dataObjects.push(node);
      },
      VariableDeclarator(node) {
        const annotated = node.id.type === AST_NODE_TYPES.Identifier ? stripeTypeName(node.id.typeAnnotation?.typeAnnotation, sourceCode) : null;
        const cast = node.init?.type === AST_NODE_TYPES.TSAsExpression ? stripeTypeName(node.init.typeAnnotation, sourceCode) : null;
        if ((annotated ?? cast) && /Event$/.test((annotated ?? cast)!)) typedDeclarators.push(node);
      },
      'Program:exit'() {
        // The raw body: pages-router body parser, then what each verification call is given.
        let bodyParserReported = false;
        if (pagesRouter && verifications.length > 0 && bodyParserState(sourceCode.ast) === 'on') {
          const at = verifications[0];
          bodyParserReported = true;
          const hasConfig = /\bconfig\b/.test(sourceCode.text) && declaresConfig(sourceCode.ast);
          context.report({
            node: at.callee as TSESTree.Node,
            messageId: 'bodyParser',
            data: { call: `${sourceCode.getText(at.callee)}()` },
            suggest: hasConfig
              ? []
              : [{ messageId: 'addBodyParserConfig', fix: (fixer) => insertConfig(fixer, sourceCode.ast) }],
          });
        }
        if (!bodyParserReported) for (const call of verifications) checkRawBody(call);

        const seen = new Set<unknown>();
        const candidates: Candidate[] = [];
        const add = (candidate: Candidate | null) => {
          if (!candidate) return;
          const key = candidate.variable ?? candidate.pattern ?? `${candidate.name}@${candidate.fn.range[0]}`;
          if (seen.has(key)) return;
          seen.add(key);
          candidates.push(candidate);
        };
        for (const value of dispatched) add(candidateOf(value));
        for (const declarator of typedDeclarators) if (declarator.id.type === AST_NODE_TYPES.Identifier) add(eventCandidate(declarator.id));
        for (const id of dataObjects) {
          const variable = findVariable(sourceCode, id);
          if (variable && eventEvidence(variable, ctx)) add(eventCandidate(id));
        }
        // Verified events that are never dispatched on still write to the database (idempotency).
        for (const call of verifications) {
          const target = assignedVariable(call);
          if (target) add(eventCandidate(target));
        }
        for (const candidate of candidates) checkCandidate(candidate, bodyParserReported);
      },
    };

    function checkRawBody(call: TSESTree.CallExpression): void {
      const arg = call.arguments[0];
      if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
      const parsed = parsedBodyOf(arg, sourceCode);
      if (!parsed) return;
      const fn = enclosingFunction(call);
      const raw = rawBodyHint(fn);
      const replacement = parsed.rawText;
      context.report({
        node: arg as TSESTree.Node,
        messageId: 'parsedBody',
        data: { call: `${sourceCode.getText(call.callee)}()`, body: short(sourceCode.getText(parsed.node as TSESTree.Node)), raw },
        suggest: replacement
          ? [{ messageId: 'useRawBody', data: { raw: replacement }, fix: (fixer) => fixer.replaceText(parsed.node as TSESTree.Node, replacement) }]
          : [],
      });
    }

    function verifiesInside(fn: FunctionNode): boolean {
      return walk(fn, (n) => {
        if (isVerificationCall(n)) return true;
        if (n.type !== AST_NODE_TYPES.CallExpression) return false;
        const name = calleeName(n);
        return name !== null && VERIFYING_HELPER.test(name);
      });
    }

    /** Is `event.id` read (outside logging) before `write` runs, or the whole event handed to a helper first? */
    function checksEventId(variable: TSESLint.Scope.Variable, write: TSESTree.CallExpression): boolean {
      for (const ref of variable.references) {
        const id = ref.identifier;
        if (id.range[0] > chainEnd(write) || ref.init) continue;
        const parent = id.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id && memberName(parent) === 'id' && !insideLogging(parent)) return true;
        // `const { id } = event`
        if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === id && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
          if (parent.id.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'id')) return true;
        }
        // `await markProcessed(event)`, `handleEvent(event)`: a helper may record it.
        if (parent?.type === AST_NODE_TYPES.CallExpression && (parent.arguments as Node[]).includes(id) && !insideLogging(parent) && !isFunction(parent)) {
          if (id.range[0] < write.range[0]) return true;
        }
      }
      return false;
    }
  },
});

// -----------------------------------------------------------------------------------------------------------------

function short(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Where the builder chain a call starts ends: `db.insert(t).values({ id: event.id })` reads `event.id` in the write. */
function chainEnd(call: TSESTree.CallExpression): number {
  let current: Node = call;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current && current.parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    current = current.parent.parent;
  }
  return current.range[1];
}

function enclosingFunction(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

/** The request's name in the handler (`req`, `request`), for messages. */
function requestName(fn: FunctionNode | null): string {
  for (let current: Node | null | undefined = fn; current; current = current.parent) {
    if (isFunction(current) && current.params[0]?.type === AST_NODE_TYPES.Identifier) {
      const name = current.params[0].name;
      if (/^(req|request)$/i.test(name)) return name;
    }
  }
  return 'req';
}

/**
 * Does this value read the event from the request itself: `await req.json()`, `req.body`, `JSON.parse` of the raw
 * body (`await req.text()`, `buffer(req)`, or any string in a route handler)? A `JSON.parse` of a queue message in a
 * background job is not the request: whoever queued it may have verified it.
 */
function isRequestRead(node: Node, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  const value = resolveValue(sourceCode, node);
  if (readsRequestInput(value)) return true;
  let parsed = false;
  walk(
    value,
    (n) => {
      if (n.type !== AST_NODE_TYPES.CallExpression || n.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(n.callee) !== 'parse') return false;
      const object = unwrap(n.callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'JSON' || !n.arguments[0]) return false;
      const arg = resolveValue(sourceCode, n.arguments[0]);
      const fn = enclosingFunction(n);
      parsed = readsRequestInput(arg) || readsRequestObject(arg) || (fn !== null && isEntryFunction(fn, filename, sourceCode));
      return parsed;
    },
    { skipFunctions: true },
  );
  return parsed;
}

/** `buffer(req)`, `getRawBody(request)`, `(await buffer(req)).toString()`: bytes read from the request object. */
function readsRequestObject(node: Node): boolean {
  return walk(node, (n) => n.type === AST_NODE_TYPES.CallExpression && n.arguments.some((a) => a.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(a.name)), { skipFunctions: true });
}

/**
 * Can the code reach past this verification without it: inside an `if` (or `?:` / `&&`) of the handler, or a `try`
 * whose `catch` does not leave the function?
 */
function isConditional(node: Node, fn: FunctionNode): boolean {
  let child: Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.test !== child) return true;
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.test !== child) return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child) return true;
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child) {
      const handler = current.handler;
      if (handler && !exitsEarly(handler.body)) return true;
    }
  }
  return false;
}

function insideLogging(node: Node): boolean {
  for (let current: Node | undefined = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(current.callee);
    const method = calleeName(current);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && LOGGERS.test(object.name)) return true;
      if (method && LOGGING_METHODS.test(method) && object.type === AST_NODE_TYPES.MemberExpression && LOGGERS.test(memberName(object) ?? '')) return true;
    } else if (method && /^(log|captureException|captureMessage)$/.test(method)) return true;
  }
  return false;
}

/** `event = stripe.webhooks.constructEvent(…)` / `const event = await …constructEventAsync(…)`: the variable. */
function assignedVariable(call: TSESTree.CallExpression): TSESTree.Identifier | null {
  let current: Node = call;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.AwaitExpression || current.parent.type === AST_NODE_TYPES.TSAsExpression)) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current && parent.left.type === AST_NODE_TYPES.Identifier) return parent.left;
  return null;
}

/**
 * The part of a verification call's body argument that was parsed and serialised again: `JSON.stringify(…)`,
 * `await req.json()`, through `const` bindings. `rawText` is what to pass instead, when it is plain.
 */
function parsedBodyOf(arg: Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): { node: Node; rawText: string | null } | null {
  if (depth > 4) return null;
  const value = unwrap(arg);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, value);
    const def = variable?.defs[0];
    if (def?.type !== 'Variable') return null;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
    if (variable!.references.some((r) => r.writeExpr && !r.init)) return null;
    return parsedBodyOf(declarator.init, sourceCode, depth + 1);
  }
  let found: { node: Node; rawText: string | null } | null = null;
  walk(
    value,
    (n) => {
      if (n.type !== AST_NODE_TYPES.CallExpression || n.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = memberName(n.callee);
      const object = unwrap(n.callee.object);
      if (method === 'stringify' && object.type === AST_NODE_TYPES.Identifier && object.name === 'JSON') {
        found = { node: n, rawText: rawReplacement(n.arguments[0]) };
        return true;
      }
      if (method === 'json' && object.type === AST_NODE_TYPES.Identifier && /^(req|request)$/i.test(object.name)) {
        const awaited = n.parent?.type === AST_NODE_TYPES.AwaitExpression ? n.parent : n;
        found = { node: awaited, rawText: awaited === n ? null : `await ${object.name}.text()` };
        return true;
      }
      return false;
    },
    { skipFunctions: true },
  );
  return found;
}

/** `JSON.stringify(await req.json())` → `await req.text()`. */
function rawReplacement(arg: Node | undefined): string | null {
  if (!arg) return null;
  const value = unwrap(arg);
  if (value.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const call = unwrap(value.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(call.callee) !== 'json') return null;
  const object = unwrap(call.callee.object);
  return object.type === AST_NODE_TYPES.Identifier ? `await ${object.name}.text()` : null;
}

/** `export const config = { api: { bodyParser: false } }`: 'off'; no config or a parser left on: 'on'; unreadable: 'unknown'. */
function bodyParserState(program: TSESTree.Program): 'on' | 'off' | 'unknown' {
  const init = configInit(program);
  if (init === undefined) return 'on';
  if (!init || init.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  if (init.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  const api = init.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'api');
  if (!api) return 'on';
  const apiValue = unwrap(api.value);
  if (apiValue.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const parser = apiValue.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'bodyParser');
  if (!parser) return 'on';
  const parserValue = unwrap(parser.value);
  if (parserValue.type === AST_NODE_TYPES.Literal) return parserValue.value === false ? 'off' : 'on';
  return parserValue.type === AST_NODE_TYPES.ObjectExpression ? 'on' : 'unknown';
}

/** The exported `config`'s initialiser: undefined when there is none, null when it is not in view. */
function configInit(program: TSESTree.Program): Node | null | undefined {
  let exportedLocal = false;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of statement.declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'config') return d.init ? unwrap(d.init) : null;
      }
    }
    for (const spec of statement.specifiers) {
      const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
      if (exported !== 'config') continue;
      if (statement.source) return null; // re-exported from another module
      exportedLocal = true;
    }
  }
  if (!exportedLocal) return undefined;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const d of statement.declarations) if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'config') return d.init ? unwrap(d.init) : null;
  }
  return null;
}

function declaresConfig(program: TSESTree.Program): boolean {
  return program.body.some((statement) => {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    return declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.declarations.some((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'config');
  });
}

/** Inserts the config export after the last import (or at the top). */
function insertConfig(fixer: TSESLint.RuleFixer, program: TSESTree.Program): TSESLint.RuleFix {
  const text = 'export const config = { api: { bodyParser: false } };';
  const imports = program.body.filter((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  const last = imports[imports.length - 1];
  return last ? fixer.insertTextAfter(last, `\n\n${text}`) : fixer.insertTextBeforeRange([program.range[0], program.range[0]], `${text}\n\n`);
}

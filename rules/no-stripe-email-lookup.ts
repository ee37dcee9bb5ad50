import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { calleeName, propertyKeyName, resolveValue, unwrap, type Node } from '../src/core/ast.js';
import { matchesAnyGlob } from '../src/core/paths.js';
import { lookupFilterValues, STRIPE_TEXT, stripeApiCall, stripeEmailOf, type StripeApiCall, createStripeContext } from '../src/core/stripe.js';

/** Support tools and one-off scripts look customers up by email on purpose; tests build fixtures with emails. */
export const DEFAULT_ALLOW_PATHS = ['**/admin/**', '**/scripts/**', '**/seed.*', '**/seed/**', '**/*.{test,spec}.*', '**/__tests__/**'];

/** Your own lookup helpers, by the name they go by: `getUserByEmail`, `findAccountByEmail`. */
const BY_EMAIL_HELPER = /^(get|find|fetch|load|lookup|lookUp|query|select|read|resolve)\w*By_?Email$/i;
/** A Stripe search query that filters on email: `email:'a@b.c'`, `email~"a@b"`. */
const EMAIL_QUERY = /\bemail\s*[:~]/;

type Options = [{ allowConnect?: boolean; allowPaths?: string[] }];
type MessageIds = 'listByEmail' | 'searchByEmail' | 'connectLookup' | 'dbLookup';

const STORED_ID = 'store the customer id on the account when you create the customer (`stripeCustomerId`) and use `stripe.customers.retrieve(account.stripeCustomerId)`';

export default createRule<Options, MessageIds>({
  name: 'no-stripe-email-lookup',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow matching Stripe customers and events to accounts by email',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowConnect: {
            type: 'boolean',
            description: 'Allow email lookups made on a connected account (`{ stripeAccount }` request option, Stripe Connect).',
          },
          allowPaths: stringListOption('Globs (relative to the ESLint cwd) of files where email lookups are deliberate. Replaces the default list.'),
        },
      },
    ],
    defaultOptions: [{ allowConnect: false, allowPaths: DEFAULT_ALLOW_PATHS }],
    messages: {
      listByEmail:
        '`{{call}}` finds the Stripe {{what}} by email. The filter is case-sensitive, one email can belong to several customers (and accounts), ' +
        'and users change theirs, so this can pick another account\'s customer, or miss it and create a duplicate. ' +
        `Instead ${STORED_ID}; at checkout, pass your account id in \`client_reference_id\` or \`metadata.accountId\`.`,
      searchByEmail:
        '`{{call}}` searches Stripe customers by email. Stripe\'s search is eventually consistent (a new customer can take a minute to appear), ' +
        'and emails collide and change, so this can return another account\'s customer, or none. ' +
        `Instead ${STORED_ID}.`,
      connectLookup:
        '`{{call}}` looks a customer up by email on the connected account `{{account}}`. That account\'s customers are its own, but emails still collide and change there: ' +
        'store the customer id per connected account and retrieve it by id (or set `allowConnect: true` if this lookup is deliberate).',
      dbLookup:
        '`{{call}}` finds {{target}} by `{{value}}`, the email on a Stripe object (`{{field}}`). Emails change, collide across accounts and do not say who paid, ' +
        'so this can apply a payment to the wrong account. Match on the id your server gave Stripe: `client_reference_id` or `metadata.accountId` set at checkout, ' +
        'or the account\'s stored `stripeCustomerId` (the object\'s `customer`).',
    },
  },
  defaultOptions: [{ allowConnect: false, allowPaths: DEFAULT_ALLOW_PATHS }],
  create(context, [options]) {
    const { filename, cwd, sourceCode } = context;
    if (matchesAnyGlob(filename, cwd, options.allowPaths ?? DEFAULT_ALLOW_PATHS)) return {};
    // Cheap: Stripe's email fields and client calls have names that say so.
    if (!STRIPE_TEXT.test(sourceCode.text) && !/customer_email|receipt_email|customer_details|billing_details|customers\s*\.\s*(list|search)/i.test(sourceCode.text)) return {};
    const ctx = createStripeContext(context);
    const reported = new Set<Node>();

    function checkStripeCall(api: StripeApiCall): void {
      const resource = api.resource.join('.');
      const call = `${sourceCode.getText(api.call.callee)}()`;
      const params = api.call.arguments[0] ? resolveValue(sourceCode, api.call.arguments[0]) : null;
      if (params?.type !== AST_NODE_TYPES.ObjectExpression) return;
      let at: Node | null = null;
      let messageId: MessageIds = 'listByEmail';
      let what = 'customer';
      if (resource === 'customers' && api.method === 'list') {
        at = property(params, 'email');
      } else if (resource === 'customers' && api.method === 'search') {
        const query = property(params, 'query');
        if (query && EMAIL_QUERY.test(staticText(resolveValue(sourceCode, query.value)))) at = query;
        messageId = 'searchByEmail';
      } else if (resource === 'checkout.sessions' && api.method === 'list') {
        const details = property(params, 'customer_details');
        const value = details ? resolveValue(sourceCode, details.value) : null;
        if (value?.type === AST_NODE_TYPES.ObjectExpression && property(value, 'email')) at = details;
        what = 'Checkout Session';
      }
      if (!at) return;
      const requestOptions = api.call.arguments[1] ? resolveValue(sourceCode, api.call.arguments[1]) : null;
      const account = requestOptions?.type === AST_NODE_TYPES.ObjectExpression ? property(requestOptions, 'stripeAccount') : null;
      if (account) {
        if (options.allowConnect) return;
        context.report({ node: at as TSESTree.Node, messageId: 'connectLookup', data: { call, account: sourceCode.getText(account.value) } });
        return;
      }
      context.report({ node: at as TSESTree.Node, messageId, data: { call, what } });
    }

    function reportLookup(value: Node, call: string, target: string): void {
      if (reported.has(value)) return;
      const email = stripeEmailOf(value, ctx);
      if (!email) return;
      reported.add(value);
      context.report({
        node: value as TSESTree.Node,
        messageId: 'dbLookup',
        data: { call, target, value: sourceCode.getText(value as TSESTree.Node), field: email.field },
      });
    }

    return {
      CallExpression(node) {
        const method = calleeName(node);
        if (method === 'list' || method === 'search') {
          const api = stripeApiCall(node, ctx);
          if (api) {
            checkStripeCall(api);
            return;
          }
        }
        for (const filter of lookupFilterValues(node, ctx)) reportLookup(filter.value, filter.call, filter.target);
        // `getUserByEmail(session.customer_email)`, `findAccountByEmail({ email })`: a lookup helper by its name.
        if (method && BY_EMAIL_HELPER.test(method)) {
          const call = `${sourceCode.getText(node.callee)}()`;
          const noun = /^(?:get|find|fetch|load|lookup|lookUp|query|select|read|resolve)(\w*?)By_?Email$/i.exec(method)?.[1];
          const target = noun ? noun[0].toLowerCase() + noun.slice(1) : 'a row';
          for (const arg of node.arguments) {
            const value = resolveValue(sourceCode, arg);
            if (value.type === AST_NODE_TYPES.ObjectExpression) {
              const email = property(value, 'email');
              if (email) reportLookup(email.value as Node, call, target);
            } else reportLookup(arg, call, target);
          }
        }
      },
    };
  },
});

function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | null {
  for (const prop of object.properties) if (prop.type === AST_NODE_TYPES.Property && propertyKeyName(prop) === key) return prop;
  return null;
}

/** The static text of a string-ish expression (literals, template quasis, `+` concatenation); expressions read as ''. */
function staticText(node: Node): string {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' ? value.value : '';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.quasis.map((q) => q.value.cooked ?? '').join('');
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') return staticText(value.left) + staticText(value.right);
  return '';
}

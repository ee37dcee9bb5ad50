import noClientTenantId from './no-client-tenant-id.js';
import requireTenantScope from './require-tenant-scope.js';
import noStripeEmailLookup from './no-stripe-email-lookup.js';
import requireWebhookVerification from './require-webhook-verification.js';
import noPublicEnvSecret from './no-public-env-secret.js';
import noSecretInClient from './no-secret-in-client.js';
import noHardcodedSecret from './no-hardcoded-secret.js';
import noCachedPrivateData from './no-cached-private-data.js';
import requireSelectShape from './require-select-shape.js';

/** Every rule of the plugin, by name. Configs are derived from this map, never kept by hand. */
export const rules = {
  'require-tenant-scope': requireTenantScope,
  'no-stripe-email-lookup': noStripeEmailLookup,
  'require-webhook-verification': requireWebhookVerification,
  'no-client-tenant-id': noClientTenantId,
  'no-public-env-secret': noPublicEnvSecret,
  'no-secret-in-client': noSecretInClient,
  'no-hardcoded-secret': noHardcodedSecret,
  'no-cached-private-data': noCachedPrivateData,
  'require-select-shape': requireSelectShape,
};

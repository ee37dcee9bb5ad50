import noClientTenantId from './no-client-tenant-id.js';
import requireTenantScope from './require-tenant-scope.js';

/** Every rule of the plugin, by name. Configs are derived from this map, never kept by hand. */
export const rules = {
  'require-tenant-scope': requireTenantScope,
  'no-client-tenant-id': noClientTenantId,
};

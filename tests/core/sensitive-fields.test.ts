import { describe, expect, it } from 'vitest';
import { isSensitiveField, isSensitiveName, nameWords } from '../../src/core/sensitive-fields.js';
import { parseSettings, TenantGuardConfigError } from '../../src/core/settings.js';

describe('sensitive field names', () => {
  it('splits names into words in either spelling', () => {
    expect(nameWords('passwordHash')).toEqual(['password', 'hash']);
    expect(nameWords('password_hash')).toEqual(['password', 'hash']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
  });

  it.each([
    'password', 'passwordHash', 'hashedPassword', 'hash', 'salt', 'token', 'secret', 'apiKey', 'api_key', 'resetToken',
    'refresh_token', 'access_token', 'id_token', 'sessionToken', 'webhookSecret', 'twoFactorSecret', 'privateKey',
    'hashedKey', 'tokenHash', 'stripeCustomerId', 'stripe_subscription_id', 'internalNotes', 'adminNote', 'recoveryCodes',
    'encryptedValue', 'credentials',
  ])('%s is sensitive', (name) => expect(isSensitiveName(name)).toBe(true));

  it.each([
    'id', 'email', 'name', 'hasPassword', 'isTokenValid', 'resetTokenExpiresAt', 'tokenCount', 'maxTokens', 'publicKey',
    'cacheKey', 'idempotencyKey', 'contentHash', 'fileHash', 'stripePriceId', 'notes', 'countryCode', 'key', 'value',
  ])('%s is not', (name) => expect(isSensitiveName(name)).toBe(false));

  it('reads `key` and `value` of a model that holds a secret', () => {
    expect(isSensitiveName('key', 'ApiKey')).toBe(true);
    expect(isSensitiveName('value', 'Secret')).toBe(true);
    expect(isSensitiveName('key', 'Setting')).toBe(false);
  });

  it('never calls a non-text Prisma field sensitive, and honours settings', () => {
    const settings = parseSettings({ sensitiveFields: ['ssn', 'User.phone', '!stripeCustomerId', '!Webhook.secret'] });
    expect(isSensitiveField('passwordHash', ['User'], settings, 'Boolean')).toBe(false);
    expect(isSensitiveField('passwordHash', ['User'], settings, 'String')).toBe(true);
    expect(isSensitiveField('ssn', ['Customer'], settings)).toBe(true);
    expect(isSensitiveField('phone', ['User', 'users'], settings)).toBe(true);
    expect(isSensitiveField('phone', ['Team'], settings)).toBe(false);
    expect(isSensitiveField('stripe_customer_id', ['accounts'], settings)).toBe(false);
    expect(isSensitiveField('secret', ['Webhook'], settings)).toBe(false);
    expect(isSensitiveField('secret', ['Integration'], settings)).toBe(true);
  });

  it('rejects a sensitiveFields entry that is no field name', () => {
    expect(() => parseSettings({ sensitiveFields: ['User.'] })).toThrow(TenantGuardConfigError);
    expect(() => parseSettings({ sensitiveFields: ['password hash'] })).toThrow(/sensitiveFields` entries are field names/);
    expect(() => parseSettings({ sensitiveFields: 3 })).toThrow(TenantGuardConfigError);
  });
});

/**
 * Seals passwords between the client and the server. The client makes a random key when it starts
 * the server and hands it over in the environment; passwords then cross the LSP connection only
 * sealed (AES-256-GCM), so a protocol trace or log never holds one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const CHANNEL_KEY_ENV = 'SAFE_SQL_CHANNEL_KEY';

export function newChannelKey(): string {
  return randomBytes(32).toString('base64');
}

export function seal(secret: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws when the sealed text was not made with this key or was altered. */
export function unseal(sealed: string, key: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64'), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

import { safeStorage } from 'electron';
import type { SecretBox } from '../core/secrets/secret-box';
import { fileKeySecretBox } from '../core/secrets/secret-box';

/**
 * Camera passwords sealed by the OS keychain (DPAPI, Keychain, libsecret). Where the OS offers
 * none, fall back to the data dir's key file, as serve mode does. Both read the other's format
 * by its prefix, so a database moves between the desktop app and serve mode.
 */
export function safeStorageBox(dataDir: string): SecretBox {
  const file = fileKeySecretBox(dataDir);
  if (!safeStorage.isEncryptionAvailable()) return file;
  return {
    seal: (plain) => 'os:' + safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => (sealed.startsWith('os:') ? safeStorage.decryptString(Buffer.from(sealed.slice(3), 'base64')) : file.open(sealed)),
  };
}

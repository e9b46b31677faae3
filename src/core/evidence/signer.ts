// What evidence signing needs of the installation key: the interface of
// src/core/secrets/installation-key.ts (the one Ed25519 key per installation that also signs the
// audit checkpoints). Evidence never makes a key of its own; the composition root passes that one.
import type { InstallationKey } from '../secrets/installation-key';

export type ManifestSigner = Pick<InstallationKey, 'publicKeyPem' | 'fingerprint' | 'sign'>;

import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function token(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

/** Write keys are public (they ship in web pages) and may only ingest. */
export const newWriteKey = () => `tpw_${token(24)}`;
/** Secret keys grant read and admin access to one workspace; only their hash is stored. */
export const newSecretKey = () => `tps_${token(32)}`;
export const newWorkspaceId = () => `ws_${token(12)}`;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Bytes of randomness in a CSP nonce (128 bits, as the CSP spec asks for at least). */
const NONCE_BYTES = 16;

/** A fresh, unguessable CSP nonce (base64 of 16 random bytes from the platform's CSPRNG). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

/** A structural problem found while decoding a .sav file; `message` is a short reason fit for a user. */
export class SavFormatError extends Error {
  override readonly name = 'SavFormatError';
}

/**
 * "Binary strings": one UTF-16 code unit per file byte, so text can pass through the reader library
 * undamaged and be decoded once, whole, in the file's declared encoding. Byte 0xA0 is carried as a
 * private-use character because the library trims values with `trimEnd()`, which would strip U+00A0.
 */
const NBSP_BYTE = 0xa0;
const NBSP_CARRIER = 0xe0a0;

/** Encode bytes as a binary string. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b === NBSP_BYTE ? NBSP_CARRIER : b);
  return out;
}

/** Recover the bytes of a binary string (also accepts the library's own latin1 strings). */
export function binaryStringToBytes(s: string): Buffer {
  const bytes = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    bytes[i] = code === NBSP_CARRIER ? NBSP_BYTE : code & 0xff;
  }
  return bytes;
}

/** A decoder for a .sav's declared character encoding; UTF-8 when the name is missing or unknown. */
export function decoderForEncoding(encoding: string | undefined): TextDecoder {
  try {
    return new TextDecoder((encoding ?? '').trim().toLowerCase() || 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

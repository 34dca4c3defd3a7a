/** Shape of a type name worth reporting: an identifier, never free text. */
const TYPE_NAME = /^[A-Za-z_$][\w$]{0,99}$/;

function read(value: object, key: 'name' | 'constructor'): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The type of a thrown value, for `errorType` and the type of a model error: the error's `name` (e.g. "AI_APICallError"),
 * else its class name, else `typeof`. Never its message, which may quote data; a name that is not an identifier is not used.
 */
export function errorTypeOf(err: unknown): string {
  if (err instanceof Error) {
    const name = read(err, 'name');
    if (typeof name === 'string' && name !== 'Error' && TYPE_NAME.test(name)) return name;
    const ctor = read(err, 'constructor');
    const ctorName = typeof ctor === 'function' ? ctor.name : undefined;
    return ctorName && TYPE_NAME.test(ctorName) ? ctorName : 'Error';
  }
  return typeof err;
}

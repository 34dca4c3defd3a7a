import { vi, type Mock } from 'vitest';

/**
 * Capture the app's operator lines (`[tag] message` on stderr): returns a mock called once per line, without its
 * newline; other stderr output passes through. `mockRestore()` also restores stderr.
 */
export function spyOperatorLog(): Mock<(line: string) => void> {
  const lines = vi.fn<(line: string) => void>();
  const original = process.stderr.write.bind(process.stderr);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (/^\[[a-z-]+\] /.test(text)) {
      lines(text.replace(/\n$/, ''));
      return true;
    }
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);
  const restore = lines.mockRestore.bind(lines);
  lines.mockRestore = () => {
    spy.mockRestore();
    restore();
    return lines;
  };
  return lines;
}

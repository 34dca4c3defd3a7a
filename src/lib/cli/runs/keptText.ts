/**
 * `text` cut to `max` characters, `…` marking a cut, as a copy: a cut string could otherwise be a slice that keeps the
 * whole longer string it was cut from alive.
 */
export function keptText(text: string, max: number): string {
  if (text.length <= max) return text;
  return Buffer.from(`${text.slice(0, max)}…`, 'utf8').toString('utf8');
}

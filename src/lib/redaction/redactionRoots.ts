import { processWide } from '@/lib/core/processWide';
/** Most roots remembered; the oldest registrations are dropped first (the working directory always counts). */
const MAX_ROOTS = 64;

const roots = processWide('redactionRoots', (): string[] => []);

/** The working directory, where there is one (not in a browser or the edge runtime). */
function workingDirectory(): string | undefined {
  try {
    return typeof process !== 'undefined' && typeof process.cwd === 'function' ? process.cwd() : undefined;
  } catch {
    return undefined;
  }
}

function trimSeparators(dir: string): string {
  let end = dir.length;
  while (end > 1 && (dir[end - 1] === '/' || dir[end - 1] === '\\')) end -= 1;
  return dir.slice(0, end);
}

function isAbsolute(dir: string): boolean {
  return dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir);
}

/**
 * Make paths under `dir` (a dataset folder, the output root, the upload root) appear relative to it wherever they
 * leave the process. A relative `dir` is taken from the working directory. (No Node APIs: this module also runs in
 * the browser and edge configs.)
 */
export function registerRedactionRoot(dir: string): void {
  const cwd = workingDirectory();
  const absolute = isAbsolute(dir) ? dir : cwd ? `${trimSeparators(cwd)}/${dir.replace(/^\.\//, '')}` : undefined;
  if (absolute === undefined) return;
  const root = trimSeparators(absolute);
  if (root === '/' || root === '') return;
  const at = roots.indexOf(root);
  if (at !== -1) roots.splice(at, 1);
  roots.push(root);
  if (roots.length > MAX_ROOTS) roots.shift();
}

/** Forget registered roots (tests). */
export function resetRedactionRoots(): void {
  roots.length = 0;
}

/**
 * An absolute path as it may leave the process: relative to the most specific registered root (or the working
 * directory) when under one, otherwise only its last segment behind "…/".
 */
export function relativeToRoot(absolute: string): string {
  const cwd = workingDirectory();
  let best = '';
  for (const root of cwd ? [...roots, trimSeparators(cwd)] : roots) {
    if (root.length > best.length && (absolute.startsWith(`${root}/`) || absolute.startsWith(`${root}\\`))) best = root;
  }
  if (best !== '') return absolute.slice(best.length + 1);
  const segments = absolute.split(/[/\\]/).filter((p) => p !== '');
  return `…/${segments.at(-1) ?? ''}`;
}

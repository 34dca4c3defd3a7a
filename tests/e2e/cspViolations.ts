import type { BrowserContext, Page } from 'playwright-core';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Record every Content-Security-Policy violation in the context's pages: `securitypolicyviolation` events (listened for
 * before any page script runs) and the console errors Chromium prints for blocked resources. Read them with
 * `cspViolations(page)`.
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations(message.page()).push(message.text());
  });
}

const fromConsole = new WeakMap<Page, string[]>();

function consoleViolations(page: Page | null): string[] {
  if (!page) return [];
  let list = fromConsole.get(page);
  if (!list) fromConsole.set(page, (list = []));
  return list;
}

/** The violations seen in the page so far: the current document's events and every console report since the page opened. */
export async function cspViolations(page: Page): Promise<string[]> {
  const events = await page.evaluate(() => window.__cspViolations ?? ['(the violation listener is missing)']);
  return [...events, ...consoleViolations(page)];
}

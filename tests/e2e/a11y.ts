import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Phone and desktop widths every page is checked at. */
export const WIDTHS = [1280, 390] as const;

/** The page's serious and critical axe-core violations, one line each (rule, impact, first elements). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** How far the page is wider than the viewport (0 when nothing overflows sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The id, or else the test id, of the element that has focus. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.getAttribute('data-testid') || el?.tagName.toLowerCase() || '';
  });
}

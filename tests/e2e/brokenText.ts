import type { Page } from 'playwright-core';

/**
 * Text the page broke badly inside the elements matching `cellSelector`: every word (a run of non-space characters)
 * whose rendered boxes sit on more than one line, and, for the elements that also match `oneLineSelector`, all of
 * whose text must stay on one line, every one that takes several. One line per finding, naming the cell.
 */
export function brokenText(page: Page, cellSelector: string, oneLineSelector: string): Promise<string[]> {
  return page.evaluate(
    ([cells, oneLine]) => {
      /** Distinct lines of a list of boxes: boxes that overlap vertically share a line. */
      const lineCount = (rects: DOMRect[]): number => {
        const lines: Array<{ top: number; bottom: number }> = [];
        for (const r of rects) {
          if (r.width === 0 || r.height === 0) continue;
          const line = lines.find((l) => r.top < l.bottom - 1 && r.bottom > l.top + 1);
          if (line) {
            line.top = Math.min(line.top, r.top);
            line.bottom = Math.max(line.bottom, r.bottom);
          } else lines.push({ top: r.top, bottom: r.bottom });
        }
        return lines.length;
      };
      const textNodes = (el: Element): Text[] => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        return nodes;
      };
      const name = (el: Element) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-label') ?? el.textContent?.trim().slice(0, 30)}]`;
      const found: string[] = [];
      for (const el of document.querySelectorAll(cells)) {
        for (const node of textNodes(el)) {
          for (const match of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = lineCount([...range.getClientRects()]);
            if (lines > 1) found.push(`${name(el)}: "${match[0]}" is split over ${lines} lines`);
          }
        }
        if (el.matches(oneLine)) {
          const lines = lineCount(
            textNodes(el).flatMap((n) => {
              const range = document.createRange();
              range.selectNodeContents(n);
              return [...range.getClientRects()];
            }),
          );
          if (lines > 1) found.push(`${name(el)}: "${el.textContent?.trim()}" takes ${lines} lines`);
        }
      }
      return found;
    },
    [cellSelector, oneLineSelector] as const,
  );
}

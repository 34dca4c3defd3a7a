/** How every canonical line begins: `{"kind":"pipeline.run"` (the line is written with `kind` first, without spaces). */
export const CANONICAL_LINE_MARKER = '{"kind":"pipeline.run"';

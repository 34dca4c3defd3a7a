import { z } from 'zod';

/**
 * How a model mapped text to data: `exact` (a condition written in the text, or a total), `label` (the text names a
 * category by its value label, a word of it with the variable, or a range of labelled bands), `partial` (part of the
 * text read, or several readings), `guess` (weak evidence), `none` (nothing found). Only exact and label matches are used.
 */
export const matchKindSchema = z.enum(['exact', 'label', 'partial', 'guess', 'none']);
/** How a model mapped text to data (see matchKindSchema). */
export type MatchKind = z.infer<typeof matchKindSchema>;

/** Below this confidence a mapping that does not say how it matched is doubtful. */
export const DOUBTFUL_CONFIDENCE = 0.5;

/** True when a mapping must not be used: it says it is partial, a guess or nothing, or (saying nothing) is not confident. */
export function isDoubtful(match: MatchKind | undefined, confidence: number): boolean {
  if (match !== undefined) return match !== 'exact' && match !== 'label';
  return confidence < DOUBTFUL_CONFIDENCE;
}

/** "a partial match", "a guess": how a doubtful mapping is named in warnings. */
export function describeMatch(match: MatchKind | undefined): string {
  switch (match) {
    case 'partial':
      return 'a partial match';
    case 'guess':
      return 'a guess';
    case 'none':
      return 'no match';
    case 'exact':
      return 'an exact match';
    case 'label':
      return 'a label match';
    case undefined:
      return 'a low-confidence match';
  }
}

import { InputLimitError } from '@/lib/core/PipelineErrors';
import { INPUT_LIMIT_SETTINGS, type InputLimits } from '@/lib/core/inputLimits';

const STAGE = 'validation';
const MIB = 1024 * 1024;

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MIB).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MiB`;
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

function over(file: string, limit: keyof InputLimits, message: string): InputLimitError {
  return new InputLimitError(`${file} ${message}`, { limit: INPUT_LIMIT_SETTINGS[limit], file, stage: STAGE });
}

/** A dictionary with more variables than the limit. */
export function checkVariables(file: string, variables: number, limits: InputLimits): void {
  if (variables <= limits.maxVariables) return;
  throw over(
    file,
    'maxVariables',
    `has ${plural(variables, 'variable')}, ${count(variables - limits.maxVariables)} over the limit of ${count(limits.maxVariables)} (${INPUT_LIMIT_SETTINGS.maxVariables})`,
  );
}

/** A ZLIB block that declares more than the per-block limit (checked before it is inflated). */
export function checkZlibBlock(file: string, declaredBytes: number, limits: InputLimits): void {
  if (declaredBytes <= limits.maxZlibBlockBytes) return;
  throw over(
    file,
    'maxZlibBlockBytes',
    `has a ZLIB data block that declares ${mib(declaredBytes)}, ${mib(declaredBytes - limits.maxZlibBlockBytes)} over the limit of ${mib(limits.maxZlibBlockBytes)} per block (${INPUT_LIMIT_SETTINGS.maxZlibBlockBytes})`,
  );
}

/** The shape of the cases: variables, and the bytes one case takes decoded. */
export interface CaseShape {
  variables: number;
  bytesPerCase: number;
}

/**
 * Cases × variables and the decoded size against their limits. `known` says whether `cases` is the whole count (the
 * header's) or how far decoding got before it stopped at a limit (the file holds at least that many).
 */
export function checkCases(file: string, cases: number, shape: CaseShape, limits: InputLimits, known: boolean): void {
  const cells = cases * shape.variables;
  const decoded = cases * shape.bytesPerCase;
  const size = `${plural(cases, 'case')} × ${plural(shape.variables, 'variable')}${known ? '' : ' read before stopping'}`;
  const least = known ? '' : 'at least ';
  if (cells > limits.maxCells) {
    const by = known ? `${count(cells - limits.maxCells)} over the limit of` : 'over the limit of';
    throw over(file, 'maxCells', `holds ${least}${count(cells)} cells (${size}), ${by} ${count(limits.maxCells)} (${INPUT_LIMIT_SETTINGS.maxCells})`);
  }
  if (decoded > limits.maxDecodedBytes) {
    const by = known ? `${mib(decoded - limits.maxDecodedBytes)} over the limit of` : 'over the limit of';
    throw over(
      file,
      'maxDecodedBytes',
      `decodes to ${least}${mib(decoded)} (${size}), ${by} ${mib(limits.maxDecodedBytes)} (${INPUT_LIMIT_SETTINGS.maxDecodedBytes})`,
    );
  }
}

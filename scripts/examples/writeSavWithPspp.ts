import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetSpec, SetSpec, VariableSpec } from './savSpec';

const PSPP = process.env.PSPP_BIN ?? '/usr/bin/pspp';
/** Offset of the header's creation date ("dd mmm yy") followed by its time ("hh:mm:ss"). */
const CREATION_STAMP_OFFSET = 92;
/** Fixed creation stamp so regenerated files are byte-identical. */
const CREATION_STAMP = '01 Jun 2409:00:00';

/** How the data section is stored: pspp's default bytecode compression, none, or ZLIB (.zsav). */
export type Compression = 'bytecode' | 'none' | 'zlib';
const SAVE_OPTION: Record<Compression, string> = { bytecode: '', none: ' /UNCOMPRESSED', zlib: ' /ZCOMPRESSED' };

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function formatOf(v: VariableSpec): string {
  return v.type === 'string' ? `A${v.width}` : `F${v.width}.${v.decimals ?? 0}`;
}

function cellText(value: number | string | null, v: VariableSpec): string {
  if (value === null) return '';
  if (typeof value === 'number') return v.decimals ? value.toFixed(v.decimals) : String(value);
  if (/[\t\n]/.test(value)) throw new Error(`value of ${v.name} contains a tab or newline`);
  return value;
}

function mrsetsSubcommand(set: SetSpec): string {
  const label = set.label === undefined ? '' : ` LABEL=${quote(set.label)}`;
  const variables = ` VARIABLES=${set.variables.join(' ')}`;
  if (set.kind === 'category') return `/MCGROUP NAME=${set.name}${label}${variables}`;
  const value = ` VALUE=${typeof set.value === 'string' ? quote(set.value) : set.value}`;
  const categories = ` CATEGORYLABELS=${(set.categoryLabels ?? 'varlabels').toUpperCase()}`;
  const source = set.labelFromVariable ? ' LABELSOURCE=VARLABEL' : '';
  return `/MDGROUP NAME=${set.name}${label}${variables}${value}${categories}${source}`;
}

/** Build the pspp syntax that reads `dataFile` (tab-separated) and saves the dataset to `outFile`. */
export function buildPsppSyntax(spec: DatasetSpec, dataFile: string, outFile: string, compression: Compression = 'bytecode'): string {
  const vars = spec.variables;
  const lines: string[] = [
    ...(spec.encoding ? [`SET LOCALE=${quote(spec.encoding)}.`] : []),
    `GET DATA /TYPE=TXT /FILE=${quote(dataFile)} /ENCODING="UTF-8" /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=1 /DELIMITERS="\\t"`,
    `  /VARIABLES= ${vars.map((v) => `${v.name} ${formatOf(v)}`).join(' ')}.`,
    `VARIABLE LABELS ${vars.map((v) => `${v.name} ${quote(v.label)}`).join('\n  /')}.`,
  ];
  for (const v of vars) {
    if (v.valueLabels?.length) {
      const pairs = v.valueLabels.map(([code, label]) => `${typeof code === 'string' ? quote(code) : code} ${quote(label)}`);
      lines.push(`VALUE LABELS ${v.name} ${pairs.join(' ')}.`);
    }
    if (v.missing?.length) lines.push(`MISSING VALUES ${v.name} (${v.missing.join(', ')}).`);
    if (v.missingRange) lines.push(`MISSING VALUES ${v.name} (${v.missingRange[0]} THRU ${v.missingRange[1]}).`);
    if (v.level) lines.push(`VARIABLE LEVEL ${v.name} (${v.level.toUpperCase()}).`);
  }
  if (spec.multiResponseSets?.length) lines.push(`MRSETS ${spec.multiResponseSets.map(mrsetsSubcommand).join('\n  ')}.`);
  if (spec.weight) lines.push(`WEIGHT BY ${spec.weight}.`);
  lines.push(`SAVE OUTFILE=${quote(outFile)}${SAVE_OPTION[compression]}.`, '');
  return lines.join('\n');
}

/** Write `spec` to `outFile` as a .sav by running pspp on generated syntax and data. */
export function writeSavWithPspp(spec: DatasetSpec, outFile: string, opts: { compression?: Compression } = {}): void {
  const work = mkdtempSync(path.join(tmpdir(), 'sav-gen-'));
  try {
    const dataFile = path.join(work, 'data.tsv');
    const syntaxFile = path.join(work, 'build.sps');
    const data = spec.rows.map((row) => row.map((cell, i) => cellText(cell, spec.variables[i]!)).join('\t'));
    writeFileSync(dataFile, data.join('\n') + '\n', 'utf8');
    writeFileSync(syntaxFile, buildPsppSyntax(spec, dataFile, path.resolve(outFile), opts.compression), 'utf8');
    rmSync(outFile, { force: true });
    const output = execFileSync(PSPP, ['-O', 'format=txt', syntaxFile], { cwd: work, encoding: 'utf8' });
    if (/\b(error|warning)\b/i.test(output) || !existsSync(outFile)) {
      throw new Error(`pspp failed to write ${outFile}:\n${output}`);
    }
    const sav = readFileSync(outFile);
    sav.write(CREATION_STAMP, CREATION_STAMP_OFFSET, 'latin1');
    writeFileSync(outFile, sav);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

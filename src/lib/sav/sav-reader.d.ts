/** Types for the parts of `sav-reader` used here (its package exports no declarations for `import` resolution). */
declare module 'sav-reader' {
  /** Dictionary and header of an opened file. */
  export interface SavMeta {
    header: Record<string, unknown>;
    sysvars: unknown[];
    getValueLabels(varname: string): Array<{ val: number | string; label: string }> | null;
  }
  /** Reads a .sav held in memory. */
  export class SavBufferReader {
    constructor(buffer: Buffer);
    meta: SavMeta;
    open(): Promise<void>;
    readAllRows(includeNulls?: boolean): Promise<Array<Record<string, unknown>>>;
  }
}

/** The file fields of an upload, by form field name, in the order the form shows them: the one list the form, the API and its docs use. */
export const UPLOAD_FILE_FIELDS = ['dataFile', 'bannerPlan', 'survey'] as const;
/** One file field of an upload. */
export type UploadFileField = (typeof UPLOAD_FILE_FIELDS)[number];
/** The form field naming a bundled example, sent instead of files. */
export const EXAMPLE_FIELD = 'example';

/** Accepted extensions per field. */
export const ACCEPTED_EXTENSIONS: Record<UploadFileField, readonly string[]> = {
  dataFile: ['.sav'],
  bannerPlan: ['.md', '.markdown', '.txt'],
  survey: ['.md', '.markdown', '.txt'],
};

const FIELD_LABELS: Record<UploadFileField, string> = {
  dataFile: 'Data file',
  bannerPlan: 'Banner plan',
  survey: 'Survey document',
};

/** Name and size of one chosen file (a browser File or a server-side form part). */
export interface FileMeta {
  name: string;
  size: number;
}

/** What the user submitted: files by field, or an example name. */
export type UploadSelection = { [F in UploadFileField]?: FileMeta } & { example?: string };

/** Why an upload was refused; `status` is the HTTP status the API answers with. */
export interface UploadProblem {
  status: 400 | 413 | 415;
  code: 'missing_data_file' | 'wrong_file_type' | 'file_too_large' | 'empty_file' | 'unknown_example' | 'ambiguous_input' | 'not_a_sav_file';
  field: UploadFileField | typeof EXAMPLE_FIELD | null;
  message: string;
}

/** Human-readable byte size ("12.3 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** Check an upload before anything is stored: a .sav (or an example) is required, types and sizes must fit. */
export function validateUpload(sel: UploadSelection, opts: { maxBytes: number; examples: readonly string[] }): UploadProblem | null {
  if (sel.example !== undefined && sel.example !== '') {
    if (UPLOAD_FILE_FIELDS.some((field) => sel[field])) {
      return { status: 400, code: 'ambiguous_input', field: EXAMPLE_FIELD, message: 'Choose either a bundled example or your own files, not both.' };
    }
    if (!opts.examples.includes(sel.example)) {
      return { status: 400, code: 'unknown_example', field: EXAMPLE_FIELD, message: `There is no bundled example named “${sel.example}”.` };
    }
    return null;
  }
  if (!sel.dataFile) {
    return {
      status: 400,
      code: 'missing_data_file',
      field: 'dataFile',
      message: 'Choose an SPSS .sav data file (or one of the bundled examples) to start a run.',
    };
  }
  for (const field of UPLOAD_FILE_FIELDS) {
    const file = sel[field];
    if (!file) continue;
    const accepted = ACCEPTED_EXTENSIONS[field];
    if (!accepted.includes(extensionOf(file.name))) {
      return {
        status: 415,
        code: 'wrong_file_type',
        field,
        message: `${FIELD_LABELS[field]} “${file.name}” has the wrong type: expected ${accepted.join(', ')}.`,
      };
    }
    if (file.size > opts.maxBytes) {
      return {
        status: 413,
        code: 'file_too_large',
        field,
        message: `${FIELD_LABELS[field]} “${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(opts.maxBytes)} per file.`,
      };
    }
    if (file.size === 0) {
      return { status: 400, code: 'empty_file', field, message: `${FIELD_LABELS[field]} “${file.name}” is empty.` };
    }
  }
  return null;
}

/** True when the bytes start like an SPSS system file ("$FL2", or "$FL3" for compressed). */
export function looksLikeSav(head: Uint8Array): boolean {
  const magic = String.fromCharCode(...head.subarray(0, 4));
  return magic === '$FL2' || magic === '$FL3';
}

/** The problem reported when a file named .sav is not one. */
export function notASavProblem(name: string): UploadProblem {
  return { status: 415, code: 'not_a_sav_file', field: 'dataFile', message: `Data file “${name}” is not a valid SPSS .sav file.` };
}

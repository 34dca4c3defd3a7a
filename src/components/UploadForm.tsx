'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  ACCEPTED_EXTENSIONS,
  EXAMPLE_FIELD,
  formatBytes,
  UPLOAD_FILE_FIELDS,
  validateUpload,
  type FileMeta,
  type UploadFileField,
  type UploadSelection,
} from '@/lib/webRuns/uploadRules';
import { focusHeadingAfterNavigation } from './pendingFocus';

/** A bundled example as offered on the upload page. */
export interface ExampleOption {
  name: string;
  hasBanner: boolean;
  hasSurvey: boolean;
}

/** An upload error and the form field it is about (null: the form as a whole). */
interface FormError {
  message: string;
  field: string | null;
}

const ERROR_ID = 'upload-error';

const meta = (file: File | null | undefined): FileMeta | undefined =>
  file && !(file.name === '' && file.size === 0) ? { name: file.name, size: file.size } : undefined;

/** How the form shows each file field of an upload. */
const FILE_INPUTS: Record<UploadFileField, { caption: ReactNode; testId: string }> = {
  dataFile: {
    caption: (
      <>
        Data file (SPSS .sav) <em>required</em>
      </>
    ),
    testId: 'data-file',
  },
  bannerPlan: {
    caption: (
      <>
        Banner plan (.md, .txt) <em>optional</em>
      </>
    ),
    testId: 'banner-file',
  },
  survey: {
    caption: (
      <>
        Survey document (.md, .txt) <em>optional</em>
      </>
    ),
    testId: 'survey-file',
  },
};

/** Upload form: a .sav with optional banner plan and survey, or a bundled example; starts a run and opens it. */
export function UploadForm({ examples, maxBytes }: { examples: ExampleOption[]; maxBytes: number }) {
  const router = useRouter();
  const [mode, setMode] = useState<'upload' | 'example'>('upload');
  const [example, setExample] = useState(examples[0]?.name ?? '');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  // A new error takes focus, so it is read out and the user starts from it.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  /** Props tying a field to the error when the error is about it. */
  const describedBy = (field: string) => (error?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': ERROR_ID } : {});

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const body = new FormData();
    if (mode === 'example') {
      body.set(EXAMPLE_FIELD, example);
    } else {
      const files: UploadSelection = Object.fromEntries(UPLOAD_FILE_FIELDS.map((field) => [field, meta(form.get(field) as File | null)]));
      const problem = validateUpload(files, { maxBytes, examples: [] });
      if (problem) {
        setError({ message: problem.message, field: problem.field });
        return;
      }
      for (const field of UPLOAD_FILE_FIELDS) {
        const file = form.get(field);
        if (file instanceof File && files[field]) body.set(field, file);
      }
    }
    setBusy(true);
    try {
      const res = await fetch('/api/process-crosstab', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { runId?: string; error?: { message?: string; field?: string | null } } | null;
      if (res.status === 202 && json?.runId) {
        const path = `/runs/${encodeURIComponent(json.runId)}`;
        focusHeadingAfterNavigation(path);
        router.push(path);
        return;
      }
      setError({ message: json?.error?.message ?? `The upload failed (HTTP ${res.status}).`, field: json?.error?.field ?? null });
    } catch {
      setError({ message: 'The server could not be reached. Try again.', field: null });
    }
    setBusy(false);
  }

  return (
    <form className="card upload-form" onSubmit={onSubmit} noValidate>
      <fieldset className="mode">
        <legend>Input</legend>
        <label>
          <input type="radio" name="mode" value="upload" checked={mode === 'upload'} onChange={() => setMode('upload')} /> Upload my files
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="example"
            checked={mode === 'example'}
            onChange={() => setMode('example')}
            disabled={examples.length === 0}
            data-testid="mode-example"
          />{' '}
          Use a bundled example
        </label>
      </fieldset>

      {mode === 'upload' ? (
        <div className="fields">
          {UPLOAD_FILE_FIELDS.map((field) => (
            <label className="field" key={field}>
              <span>{FILE_INPUTS[field].caption}</span>
              <input type="file" name={field} accept={ACCEPTED_EXTENSIONS[field].join(',')} data-testid={FILE_INPUTS[field].testId} {...describedBy(field)} />
            </label>
          ))}
          <p className="hint">Each file may be up to {formatBytes(maxBytes)}.</p>
        </div>
      ) : (
        <div className="fields">
          <label className="field">
            <span>Example dataset</span>
            <select value={example} onChange={(e) => setExample(e.target.value)} data-testid="example-select" {...describedBy(EXAMPLE_FIELD)}>
              {examples.map((ex) => (
                <option key={ex.name} value={ex.name}>
                  {ex.name}
                  {ex.hasBanner ? ' · banner plan' : ''}
                  {ex.hasSurvey ? ' · survey' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}

      {error && (
        <p className="alert error" role="alert" id={ERROR_ID} tabIndex={-1} ref={errorRef} data-testid="upload-error" data-field={error.field ?? undefined}>
          {error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="start-run">
        {busy ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}

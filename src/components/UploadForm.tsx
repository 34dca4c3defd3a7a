'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ACCEPTED_EXTENSIONS, formatBytes, validateUpload, type FileMeta } from '@/lib/api/uploadRules';

/** A bundled example as offered on the upload page. */
export interface ExampleOption {
  name: string;
  hasBanner: boolean;
  hasSurvey: boolean;
}

const meta = (file: File | null | undefined): FileMeta | undefined =>
  file && !(file.name === '' && file.size === 0) ? { name: file.name, size: file.size } : undefined;

/** Upload form: a .sav with optional banner plan and survey, or a bundled example; starts a run and opens it. */
export function UploadForm({ examples, maxBytes }: { examples: ExampleOption[]; maxBytes: number }) {
  const router = useRouter();
  const [mode, setMode] = useState<'upload' | 'example'>('upload');
  const [example, setExample] = useState(examples[0]?.name ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    const body = new FormData();
    if (mode === 'example') {
      body.set('example', example);
    } else {
      const files = {
        dataFile: meta(form.get('dataFile') as File | null),
        bannerPlan: meta(form.get('bannerPlan') as File | null),
        survey: meta(form.get('survey') as File | null),
      };
      const problem = validateUpload(files, { maxBytes, examples: [] });
      if (problem) {
        setError(problem.message);
        return;
      }
      for (const field of ['dataFile', 'bannerPlan', 'survey'] as const) {
        const file = form.get(field);
        if (file instanceof File && files[field]) body.set(field, file);
      }
    }
    setBusy(true);
    try {
      const res = await fetch('/api/process-crosstab', { method: 'POST', body });
      const json = (await res.json().catch(() => null)) as { runId?: string; error?: { message?: string } } | null;
      if (res.status === 202 && json?.runId) {
        router.push(`/runs/${encodeURIComponent(json.runId)}`);
        return;
      }
      setError(json?.error?.message ?? `The upload failed (HTTP ${res.status}).`);
    } catch {
      setError('The server could not be reached. Try again.');
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
          <label className="field">
            <span>
              Data file (SPSS .sav) <em>required</em>
            </span>
            <input type="file" name="dataFile" accept={ACCEPTED_EXTENSIONS.dataFile.join(',')} data-testid="data-file" />
          </label>
          <label className="field">
            <span>Banner plan (.md, .txt) <em>optional</em></span>
            <input type="file" name="bannerPlan" accept={ACCEPTED_EXTENSIONS.bannerPlan.join(',')} data-testid="banner-file" />
          </label>
          <label className="field">
            <span>Survey document (.md, .txt) <em>optional</em></span>
            <input type="file" name="survey" accept={ACCEPTED_EXTENSIONS.survey.join(',')} data-testid="survey-file" />
          </label>
          <p className="hint">Each file may be up to {formatBytes(maxBytes)}.</p>
        </div>
      ) : (
        <div className="fields">
          <label className="field">
            <span>Example dataset</span>
            <select value={example} onChange={(e) => setExample(e.target.value)} data-testid="example-select">
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
        <p className="alert error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="start-run">
        {busy ? 'Starting…' : 'Start run'}
      </button>
    </form>
  );
}

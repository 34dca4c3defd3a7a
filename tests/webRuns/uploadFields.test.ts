import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { UploadForm } from '@/components/UploadForm';
import { EXAMPLE_FIELD, UPLOAD_FILE_FIELDS } from '@/lib/webRuns/uploadRules';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => undefined }) }));

describe('the upload field list', () => {
  it('is the names of the upload form’s file inputs, in order', () => {
    const html = renderToStaticMarkup(createElement(UploadForm, { examples: [], maxBytes: 1024 }));
    const fileInputs = (html.match(/<input type="file"[^>]*>/g) ?? []).join('\n');
    const names = [...fileInputs.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([...UPLOAD_FILE_FIELDS]);
  });

  it('is what the API documentation lists for POST /api/process-crosstab', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../src/lib/webRuns/README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.includes('`POST /api/process-crosstab`'));
    const documented = [...(row ?? '').matchAll(/`(\w+)(?:=<name>)?`/g)].map((m) => m[1]);
    expect(documented).toEqual([...UPLOAD_FILE_FIELDS, EXAMPLE_FIELD]);
  });
});

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PipelineInputs } from '@/lib/pipeline/runOptions';

/** One bundled example dataset. */
export interface ExampleDataset {
  name: string;
  savFile: string;
  hasBanner: boolean;
  hasSurvey: boolean;
  inputs: PipelineInputs;
}

// Paths here are read at run time from the app's working directory; the ignore comments keep the
// bundler from tracing the whole project into the server output because of them.

/** Folder holding the bundled examples (examples/<name>/ under the app's working directory). */
export function examplesRoot(): string {
  return path.join(process.cwd(), 'examples');
}

function findFile(files: string[], prefix: string): string | undefined {
  return files.find((f) => f.toLowerCase().startsWith(`${prefix}.`));
}

/** Every bundled example (a folder with exactly one .sav), sorted by name. */
export function listExamples(root: string = examplesRoot()): ExampleDataset[] {
  let entries: string[];
  try {
    entries = readdirSync(/*turbopackIgnore: true*/ root);
  } catch {
    return [];
  }
  const out: ExampleDataset[] = [];
  for (const name of entries.sort()) {
    const dir = path.join(/*turbopackIgnore: true*/ root, name);
    if (name.startsWith('.') || !statSync(/*turbopackIgnore: true*/ dir).isDirectory()) continue;
    const files = readdirSync(/*turbopackIgnore: true*/ dir);
    const savs = files.filter((f) => f.toLowerCase().endsWith('.sav'));
    if (savs.length !== 1 || !savs[0]) continue;
    const banner = findFile(files, 'banner');
    const survey = findFile(files, 'survey');
    out.push({
      name,
      savFile: savs[0],
      hasBanner: banner !== undefined,
      hasSurvey: survey !== undefined,
      inputs: {
        datasetName: name,
        savPath: path.join(/*turbopackIgnore: true*/ dir, savs[0]),
        ...(banner ? { bannerPath: path.join(/*turbopackIgnore: true*/ dir, banner) } : {}),
        ...(survey ? { surveyPath: path.join(/*turbopackIgnore: true*/ dir, survey) } : {}),
      },
    });
  }
  return out;
}

/** The example with this exact name, or null (names are matched against the listing, never used as a path). */
export function findExample(name: string, root: string = examplesRoot()): ExampleDataset | null {
  return listExamples(root).find((e) => e.name === name) ?? null;
}

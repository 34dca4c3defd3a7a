import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_SPEC } from '@/lib/settings/modelSettings';
import { OBSERVABILITY_SPEC } from '@/lib/settings/observabilitySettings';
import { PIPELINE_SPEC } from '@/lib/settings/pipelineSettings';
import { WEB_SPEC } from '@/lib/settings/webSettings';
import { DISTRIBUTED_SPEC } from '@/lib/settings/distributedSettings';

const ROOT = path.resolve(__dirname, '../..');
const SETTINGS = [MODEL_SPEC, OBSERVABILITY_SPEC, PIPELINE_SPEC, WEB_SPEC, DISTRIBUTED_SPEC].flatMap((spec) => Object.keys(spec));

describe('every setting the code reads is documented', () => {
  it('has a line in .env.example and a row in the README’s settings table', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(SETTINGS.length).toBeGreaterThan(10);
    expect(SETTINGS.filter((name) => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([]);
    // The first cell of a settings-table row names one variable or several: `A`, `B`.
    const documented = readme
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));
    expect(SETTINGS.filter((name) => !documented.includes(name))).toEqual([]);
  });
});

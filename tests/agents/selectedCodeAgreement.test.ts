import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCrosstabAgent } from '@/agents';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { resetModelProvider, setModelProvider } from '@/lib/llm/getModelProvider';
import { compileFilter, parseFilter } from '@/lib/filters';
import { buildDataMap } from '@/lib/pipeline/stages/DataMapProcessor';
import { computeCrosstabs } from '@/lib/pipeline/stages/CrosstabComputation';
import type { Banner, CellValue, DataMap, SavDataset, SavVariable, TableDefinition } from '@/lib/core/types';
import { casesFromRows } from '@/lib/core/CaseTable';

type Config = { labels: Array<[number, string]>; missing?: SavVariable['missing']; codes: number[] };

/** Label configurations of one multi-response item, with the codes its respondents answered. */
const CONFIGS: Record<string, Config> = {
  'Yes/No': {
    labels: [
      [0, 'No'],
      [1, 'Yes'],
    ],
    codes: [0, 1],
  },
  'Yes first': {
    labels: [
      [1, 'Yes'],
      [2, 'No'],
    ],
    codes: [1, 2],
  },
  'Selected/Not selected': {
    labels: [
      [0, 'Not selected'],
      [1, 'Selected'],
    ],
    codes: [0, 1],
  },
  '0/1 unlabelled': { labels: [], codes: [0, 1] },
  '1=No 2=Yes': {
    labels: [
      [1, 'No'],
      [2, 'Yes'],
    ],
    codes: [1, 2],
  },
  '1=No 2=Applies': {
    labels: [
      [1, 'No'],
      [2, 'Applies'],
    ],
    codes: [1, 2],
  },
  'declared missing': {
    labels: [
      [1, 'No'],
      [2, 'Yes'],
      [9, 'Refused'],
    ],
    missing: { values: [9] },
    codes: [1, 2, 9],
  },
  'missing range': {
    labels: [
      [1, 'No'],
      [2, 'Yes'],
      [8, 'Skipped'],
      [9, 'Refused'],
    ],
    missing: { values: [], range: { low: 8, high: 9 } },
    codes: [1, 2, 8, 9],
  },
  "undeclared don't know": {
    labels: [
      [1, 'No'],
      [2, 'Yes'],
      [9, "Don't know"],
    ],
    codes: [1, 2, 9],
  },
  'Not mentioned': {
    labels: [
      [0, 'Not mentioned'],
      [1, 'Mentioned'],
    ],
    codes: [0, 1],
  },
  'Not mentioned first': {
    labels: [
      [1, 'Not mentioned'],
      [2, 'Mentioned'],
    ],
    codes: [1, 2],
  },
  'checked/unchecked': {
    labels: [
      [0, 'Unchecked'],
      [1, 'Checked'],
    ],
    codes: [0, 1],
  },
  'unchecked first': {
    labels: [
      [1, 'Unchecked'],
      [2, 'Checked'],
    ],
    codes: [1, 2],
  },
};

function item(name: string, label: string, config: Config): SavVariable {
  return {
    name,
    label,
    type: 'numeric',
    missing: config.missing ?? { values: [] },
    valueLabels: config.labels.map(([value, l]) => ({ value, label: l })),
  };
}

/** Two items of multi-response set Q5; every code of the configuration (and a system-missing cell) answered. */
function dataset(config: Config): SavDataset {
  const rows: CellValue[][] = [];
  config.codes.forEach((code, i) => {
    for (let k = 0; k <= i; k++) rows.push([code, config.codes[(i + k) % config.codes.length]!]);
  });
  rows.push([null, null]);
  return {
    fileName: 'q5.sav',
    variables: [item('Q5_1', 'Brands used: Alpha', config), item('Q5_2', 'Brands used: Bravo', config)],
    cases: casesFromRows(rows, 2),
    weightVariable: null,
    encoding: 'UTF-8',
  };
}

/** The data map, with Q5_1..Q5_2 read as one multi-response set whatever their codes. */
function asMultiResponse(dataMap: DataMap): DataMap {
  return { ...dataMap, variables: dataMap.variables.map((v) => ({ ...v, kind: 'multi' as const, group: 'Q5' })) };
}

const MULTI_TABLE: TableDefinition = {
  id: 't_Q5',
  questionId: 'Q5',
  title: 'Q5',
  kind: 'multi',
  variables: ['Q5_1', 'Q5_2'],
  rows: [{ id: 'r_Q5_1', label: 'Alpha', codes: ['Q5_1'] }],
  baseLabel: 'All respondents',
  notes: [],
};

const total = (expression: string): Banner => ({
  origin: 'plan',
  groups: [{ id: 't', label: 'Total', columns: [{ id: 't', label: 'Total', expression, confidence: 1 }] }],
});

beforeEach(() => setModelProvider(new LocalModelProvider()));
afterEach(() => resetModelProvider());

describe('the selected code of a multi-response item', () => {
  it.each(Object.entries(CONFIGS))('%s: the banner column the local CrosstabAgent writes selects what the computation counts', async (_, config) => {
    const data = dataset(config);
    const banner: Banner = {
      origin: 'plan',
      groups: [
        {
          id: 'g',
          label: 'Brands used',
          columns: [
            { id: 'named', label: 'Alpha users', source: 'Q5_1 selected', expression: '', confidence: 0 },
            { id: 'option', label: 'Alpha users', source: 'Q5 = 1', expression: '', confidence: 0 },
            { id: 'label', label: 'Alpha', source: 'Alpha', expression: '', confidence: 0 },
          ],
        },
      ],
    };
    const { banner: mapped } = await runCrosstabAgent(banner, asMultiResponse(buildDataMap(data)));
    const expressions = mapped.groups.flatMap((g) => g.columns.map((c) => c.expression));
    expect(expressions).toHaveLength(3);

    const [computed] = computeCrosstabs([MULTI_TABLE], total('TRUE'), data, { weightVariable: null, significance: false });
    const counted = computed?.rows[0]?.cells[0]?.count;
    for (const expression of expressions) {
      const tree = parseFilter(expression);
      expect(tree).toMatchObject({ type: 'compare', variable: 'Q5_1', op: '==' });
      const matches = compileFilter(expression, data.variables);
      expect(Array.from({ length: data.cases.count }, (_, r) => matches(data.cases, r)).filter(Boolean).length).toBe(counted);
      expect(counted).toBeGreaterThan(0);
    }
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINISHED_STATUSES, type RunRecord } from '@/lib/db/RunRecord';
import { EventBus } from '@/lib/events/EventBus';
import { memoryLineSink } from '@/lib/observability';
import { runPipeline } from '@/lib/pipeline/PipelineRunner';
import { PipelineOrchestrator } from '@/lib/webRuns/pipelineOrchestrator';
import { memoryStore } from '../support/memoryStore';
import { tempDir } from '../support/webInputs';

const EXAMPLE = path.resolve(__dirname, '../../examples/employee-pulse/employee-pulse.sav');

describe('the record a finished run is first seen with', () => {
  it('already has its outputs, table count and duration: a page that fetches the tables on "success" finds them', async () => {
    const { runs } = await memoryStore();
    const sink = memoryLineSink();
    const orchestrator = new PipelineOrchestrator({ runPipeline, runs, bus: new EventBus(), maxConcurrent: 1, outputRoot: tempDir(), lineSink: sink.sink });
    await runs.create({ id: 'whole-1', orgId: 'acme', userId: 'u1', dataset: 'employee-pulse', inputKind: 'example', inputDir: null });
    const seen: RunRecord[] = [];
    orchestrator.subscribe('whole-1', (r) => seen.push(r));
    const last = await orchestrator.runPipelineFromUpload({
      runId: 'whole-1',
      orgId: 'acme',
      userId: 'u1',
      inputs: { datasetName: 'employee-pulse', savPath: EXAMPLE },
    });
    expect(last?.status).toBe('success');
    const first = seen.find((r) => FINISHED_STATUSES.includes(r.status));
    expect(first?.status).toBe('success');
    expect(first?.tableCount).toBe(last?.tableCount);
    expect(first?.tableCount).toBeGreaterThan(0);
    expect(first?.tablesPath).toBe(last?.tablesPath);
    expect(first?.tablesPath).toMatch(/tables\.json$/);
    expect(first?.workbookPath).toMatch(/crosstabs\.xlsx$/);
    expect(first?.outputDir).toBe(last?.outputDir);
    expect(first?.durationMs).toBeGreaterThan(0);
    // Every later record of the run keeps what the first said.
    for (const r of seen.slice(seen.indexOf(first!)))
      expect(r).toMatchObject({ status: 'success', tablesPath: first!.tablesPath, tableCount: first!.tableCount });
    expect(sink.lines).toHaveLength(1);
    await orchestrator.shutdown(1000);
  }, 120_000);
});

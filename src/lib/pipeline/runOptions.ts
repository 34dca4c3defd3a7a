import type { LineSink, RunObservability } from '@/lib/observability';
import type { RunOutcome, StageState, StageTiming } from '@/lib/core/types';
import type { CpuStages } from './cpu/CpuStages';

/** Files a run reads. */
export interface PipelineInputs {
  /** Dataset name (the folder name for CLI runs; the upload name or example name for web runs). */
  datasetName: string;
  savPath: string;
  bannerPath?: string;
  surveyPath?: string;
  /** The names the user knows the files by (an upload's original file names), used in messages instead of server paths. */
  labels?: { sav?: string; banner?: string; survey?: string };
}

/** A dataset folder to resolve inside the run (so a bad folder is recorded like any other failure). */
export interface DatasetDirInput {
  datasetDir: string;
}

/** Options of one pipeline run. */
export interface PipelineRunOptions {
  inputs: PipelineInputs | DatasetDirInput;
  /** Output root; the run writes to `<outRoot>/<dataset>/<runId>/` unless `outputDir` is given. Default `outputs`. */
  outRoot?: string;
  /** Exact output folder (CLI `--out`). */
  outputDir?: string;
  runId?: string;
  source: 'cli' | 'web';
  orgId?: string;
  userId?: string;
  signal?: AbortSignal;
  /** Compute significance letters between columns of a banner group (default true). */
  significance?: boolean;
  /** Where progress lines go (CLI: stderr), terminal-safe (controls shown as escapes); default none. */
  progress?: (line: string) => void;
  /** Where the run's canonical line goes (default stdout); ignored when `observability` is given. */
  lineSink?: LineSink;
  /**
   * The run's observability, when the caller started it (the web orchestrator does, so that it can also end the run's
   * one wide event on paths where the runner never ran or threw). Default: the runner starts its own.
   */
  observability?: RunObservability;
  /**
   * Where the run's CPU-bound stages run, given the run's abort signal. Default: openCpuStages (a worker thread for a
   * large .sav, as STAGE_WORKERS says); `(signal) => new RunComputation(signal)` runs them on this thread with
   * cooperative pauses.
   */
  cpuStages?: (signal: AbortSignal) => CpuStages;
}

/** What a run returns (it never throws for pipeline failures: they are reported here). */
export interface PipelineRunResult {
  runId: string;
  outcome: RunOutcome;
  /** The folder holding tables.json, crosstabs.xlsx, pipeline-summary.json; null if nothing was written. */
  outputDir: string | null;
  tableCount: number;
  durationMs: number;
  error?: { type: string; message: string; stage?: string; file?: string };
  stageTiming: Record<string, StageTiming>;
  /** Every stage as the run ended (the one stage model; stageTiming is its summary view). */
  stages: StageState[];
  /** Problems the run continued past (redacted, as in errors.ndjson), in the order they happened. */
  warnings?: Array<{ classification: string; action: string; stage?: string; message: string }>;
  /** The canonical wide-event JSON line of the run. */
  canonicalLine: string;
}

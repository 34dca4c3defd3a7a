import { STAGE_NAMES } from '@/lib/core/types';
import type { RunJson } from '@/lib/api/runJson';

const ICONS: Record<string, string> = { pending: '○', 'not-run': '○', running: '◐', ok: '●', skipped: '–', error: '✕', cancelled: '■' };

/** Every pipeline stage with its state in this run (stages a finished run never reached are "not-run"). */
export function StageList({ stages, finished }: { stages: RunJson['stages']; finished: boolean }) {
  const byName = new Map(stages.map((s) => [s.name, s]));
  return (
    <ol className="stages" data-testid="stage-list">
      {STAGE_NAMES.map((name) => {
        const stage = byName.get(name);
        const state = stage?.status ?? (finished ? 'not-run' : 'pending');
        return (
          <li key={name} className={`stage stage-${state}`} data-testid={`stage-${name}`} data-state={state}>
            <span className="stage-icon" aria-hidden>
              {ICONS[state]}
            </span>
            <span className="stage-name">{name}</span>
            <span className="stage-meta">
              {stage?.durationMs !== undefined ? `${(stage.durationMs / 1000).toFixed(1)} s` : state === 'running' ? 'running…' : ''}
            </span>
            {stage?.detail && <span className="stage-detail">{stage.detail}</span>}
          </li>
        );
      })}
    </ol>
  );
}

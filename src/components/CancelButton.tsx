'use client';

import { useRef } from 'react';

/** "Cancel run" behind a confirmation dialog (a modal: focus starts on "Keep running", Escape keeps the run going). */
export function CancelButton({ busy, onConfirm }: { busy: boolean; onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()} disabled={busy} data-testid="cancel-run">
        {busy ? 'Cancelling…' : 'Cancel run'}
      </button>
      <dialog ref={dialog} className="confirm" aria-labelledby="cancel-title" aria-describedby="cancel-text" data-testid="cancel-dialog">
        <h2 id="cancel-title">Cancel this run?</h2>
        <p id="cancel-text">The run stops where it is. It produces no tables or workbook; what it recorded so far stays visible here.</p>
        <div className="dialog-actions">
          <button type="button" autoFocus onClick={() => dialog.current?.close()} data-testid="keep-running">
            Keep running
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
            data-testid="confirm-cancel"
          >
            Cancel the run
          </button>
        </div>
      </dialog>
    </>
  );
}

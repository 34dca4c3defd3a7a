import type { Metadata } from 'next';
import { getWebSettings } from '@/lib/settings/webSettings';
import { requirePageAuth } from '@/lib/auth/pageAuth';
import { canRunPipelines } from '@/lib/auth';
import { listExamples } from '@/lib/webRuns/examples';
import { UploadForm } from '@/components/UploadForm';

export const dynamic = 'force-dynamic';

// The root page shares the root layout's segment, where the title template does not apply.
export const metadata: Metadata = { title: { absolute: 'New run · CrossTab' } };

/** Upload page: choose a .sav (plus optional banner plan and survey) or a bundled example, and start a run. */
export default async function HomePage() {
  const auth = await requirePageAuth();
  const examples = listExamples().map(({ name, hasBanner, hasSurvey }) => ({ name, hasBanner, hasSurvey }));
  return (
    <div className="narrow">
      <h1>New crosstab run</h1>
      <p className="muted">
        Upload an SPSS <code>.sav</code> file, optionally with a banner plan and the survey document, or try one of the bundled examples. The run continues in
        the background; you can follow it live.
      </p>
      {canRunPipelines(auth) ? (
        <UploadForm examples={examples} maxBytes={getWebSettings().UPLOAD_MAX_BYTES} />
      ) : (
        <p className="alert notice">Your role ({auth.role}) can view runs but not start them.</p>
      )}
    </div>
  );
}

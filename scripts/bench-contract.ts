/**
 * Coverage-contract benchmark: `npm run bench:contract`.
 * Generates banner columns and routing rules in every form the generator knows (tests/agents/forms/), runs them through
 * CrosstabAgent and FilterTranslatorAgent with the local model, and prints per form how many cases there were, the share
 * left out with a warning and how many were mapped to wrong values (always 0: a wrong mapping is a failure of
 * `npm test`). BENCH_SEED and BENCH_SCENARIOS (about seven cases each) choose the cases.
 */
import { setModelProvider } from '@/lib/llm/getModelProvider';
import { LocalModelProvider } from '@/lib/llm/providers/LocalModelProvider';
import { formatShares, runScenarios } from '../tests/agents/forms/runScenarios';
import { generateScenarios } from '../tests/agents/forms/scenarios';

const SEED = Number(process.env.BENCH_SEED ?? 20_2606);
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 2000);

async function main(): Promise<void> {
  setModelProvider(new LocalModelProvider());
  const started = Date.now();
  const results = await runScenarios(generateScenarios(SEED, SCENARIOS));
  const dropped = results.filter((r) => r.outcome === 'dropped').length;
  const wrong = results.filter((r) => r.outcome === 'wrong').length;
  console.log(`${results.length} generated cases (seed ${SEED}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(formatShares(results));
  console.log(`all forms: ${((100 * dropped) / results.length).toFixed(1)}% left out, ${wrong} wrong`);
  if (wrong > 0) process.exitCode = 1;
}

void main();

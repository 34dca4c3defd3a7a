import { z } from 'zod';

/** Every environment variable the app reads, validated once. Add new ones here (additively). */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Sentry: no DSN means Sentry is off and everything else is unchanged.
  SENTRY_DSN: z.string().optional(),
  SENTRY_ENVIRONMENT: z.string().optional(),
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).optional(),
  /** Development only: also send everything to a local Spotlight sidecar ("1"/"true" for the default URL, or its URL). */
  SENTRY_SPOTLIGHT: z.string().optional(),
  // Model layer: "local" (default without credentials) or an OpenAI-compatible / Azure provider.
  LLM_PROVIDER: z.enum(['local', 'openai', 'azure']).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  AZURE_OPENAI_API_KEY: z.string().optional(),
  AZURE_OPENAI_RESOURCE_NAME: z.string().optional(),
  /** Azure deployment names mapped to priced model ids: "deploy-a=gpt-4o,deploy-b=gpt-4o-mini". */
  AZURE_DEPLOYMENT_MODELS: z.string().optional(),
  // Web app.
  DATABASE_PATH: z.string().default('data/crosstab.db'),
  OUTPUT_ROOT: z.string().default('outputs'),
  UPLOAD_ROOT: z.string().default('data/uploads'),
  AUTH_SECRET: z.string().optional(),
  AUTH_BYPASS: z.enum(['0', '1', 'true', 'false']).optional(),
  MAX_CONCURRENT_RUNS: z.coerce.number().int().min(1).default(2),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parse the environment (fresh each call, so tests can change process.env). Throws one readable line on bad values. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

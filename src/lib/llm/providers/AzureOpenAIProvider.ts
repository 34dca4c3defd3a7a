import { OpenAICompatibleProvider } from './OpenAICompatibleProvider';

/** Settings of an Azure OpenAI deployment. */
export interface AzureOpenAIOptions {
  resourceName: string;
  apiKey: string;
  deployment: string;
  /** Raw AZURE_DEPLOYMENT_MODELS value: "deploy-a=gpt-4o,deploy-b=gpt-4o-mini". */
  deploymentModels?: string;
  /** Overrides the resource URL (a proxy, or a test server). */
  baseURL?: string;
  fetch?: typeof globalThis.fetch;
  maxRetries?: number;
}

/** Parse "dep=model,dep2=model2" into a deployment → model id map (blank or malformed pairs are ignored). */
export function parseDeploymentModels(raw: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of (raw ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const deployment = pair.slice(0, eq).trim();
    const model = pair.slice(eq + 1).trim();
    if (deployment && model) map.set(deployment, model);
  }
  return map;
}

/** Azure sends its key as `api-key`, not as a bearer token. */
function withAzureKeyHeader(apiKey: string, inner: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    headers.set('api-key', apiKey);
    return inner(input, { ...init, headers });
  };
}

/** An Azure OpenAI deployment via the OpenAI-compatible v1 API; priced as its mapped model, unpriced when unmapped. */
export function createAzureOpenAIProvider(opts: AzureOpenAIOptions): OpenAICompatibleProvider {
  const mapped = parseDeploymentModels(opts.deploymentModels).get(opts.deployment);
  return new OpenAICompatibleProvider({
    name: 'azure',
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? `https://${opts.resourceName}.openai.azure.com/openai/v1`,
    apiModel: opts.deployment,
    model: mapped ?? opts.deployment,
    priced: mapped !== undefined,
    fetch: withAzureKeyHeader(opts.apiKey, opts.fetch ?? ((input, init) => globalThis.fetch(input, init))),
    ...(opts.maxRetries !== undefined && { maxRetries: opts.maxRetries }),
  });
}

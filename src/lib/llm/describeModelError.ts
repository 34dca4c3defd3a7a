import { APICallError } from '@ai-sdk/provider';
import { loadedAiSdk } from './aiSdk';
import { errorTypeOf } from './errorTypeOf';

/** What can safely be said about one thrown value: fixed wording and checked facts, never text the value carried. */
export interface ModelErrorFacts {
  type: string;
  /** Fixed, data-free description of the failure. */
  description: string;
  statusCode?: number;
  isRetryable: boolean;
  /** System or network error code found on the error or its causes, e.g. "ECONNREFUSED". */
  code?: string;
  /** Attempts made, when the SDK gave up after retrying. */
  attempts?: number;
  /** Why the model stopped, when it answered with something unusable. */
  finishReason?: string;
}

const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;
const FINISH_REASONS = new Set(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other', 'unknown']);
/** Network failures worth retrying (the SDK's own list). */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const MAX_WALK = 8;

const BY_STATUS: Record<number, string> = {
  400: 'the API rejected the request',
  401: 'the API rejected the credentials',
  403: 'the API refused access',
  404: 'the API has no such model or endpoint',
  408: 'the API timed out',
  409: 'the API reported a conflict',
  413: 'the request is too large for the API',
  422: 'the API could not process the request',
  429: 'the API rate limit or quota was exceeded',
};

const BY_TYPE: Record<string, string> = {
  AI_EmptyResponseBodyError: 'the API sent an empty response',
  AI_InvalidResponseDataError: 'the API sent response data of an unexpected shape',
  AI_JSONParseError: 'the text is not valid JSON',
  AI_TypeValidationError: 'the value does not match the expected type',
  AI_LoadAPIKeyError: 'no API key is configured',
  AI_LoadSettingError: 'a provider setting is missing',
  AI_InvalidArgumentError: 'the call was given an invalid setting',
  AI_InvalidPromptError: 'the prompt is not valid for the model',
  AI_NoSuchModelError: 'no such model',
  AI_NoContentGeneratedError: 'the model generated no content',
  AI_NoOutputGeneratedError: 'the model generated no output',
  AI_UnsupportedFunctionalityError: 'the model does not support a requested feature',
  AI_UnsupportedModelVersionError: 'the model version is not supported',
  AI_MessageConversionError: 'the prompt could not be converted for the model',
  ZodError: 'the value does not match the schema',
  SyntaxError: 'a syntax error',
  TimeoutError: 'the call timed out',
  AbortError: 'the call was aborted',
};

function read(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function statusOf(err: unknown): number | undefined {
  const status = read(err, 'statusCode');
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

/** The first system/network error code on the error or its causes (bounded, cycle-safe). */
function codeOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current = err;
  for (let i = 0; i < MAX_WALK && current !== null && typeof current === 'object' && !seen.has(current); i += 1) {
    seen.add(current);
    const code = read(current, 'code');
    if (typeof code === 'string' && CODE.test(code)) return code;
    current = read(current, 'cause');
  }
  return undefined;
}

function messageOf(err: unknown): string {
  const message = read(err, 'message');
  return typeof message === 'string' ? message : '';
}

function describeApiCall(err: unknown, type: string): ModelErrorFacts {
  const statusCode = statusOf(err);
  const code = codeOf(err);
  const retryable = read(err, 'isRetryable') === true;
  const cause = read(err, 'cause');
  const causeType = cause === undefined ? undefined : errorTypeOf(cause);
  let description: string;
  if (statusCode !== undefined && statusCode >= 400) {
    description = BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'the API failed with a server error' : 'the API answered with an error');
  } else if (causeType === 'AI_JSONParseError') {
    description = 'the API answered with a body that is not valid JSON';
  } else if (causeType === 'AI_TypeValidationError') {
    description = 'the API answered with a body of an unexpected shape';
  } else if (code !== undefined || messageOf(err).startsWith('Cannot connect to API')) {
    description = 'cannot connect to the API';
  } else {
    description = 'the API call failed';
  }
  return { type, description, isRetryable: retryable, ...(statusCode !== undefined && { statusCode }), ...(code !== undefined && { code }) };
}

function describeNoObject(err: unknown, type: string): ModelErrorFacts {
  const causeType = errorTypeOf(read(err, 'cause'));
  const description =
    causeType === 'AI_JSONParseError'
      ? "the model's answer is not valid JSON"
      : causeType === 'AI_TypeValidationError'
        ? "the model's answer does not match the expected schema"
        : 'the model gave no usable answer';
  const finishReason = read(err, 'finishReason');
  return { type, description, isRetryable: false, ...(typeof finishReason === 'string' && FINISH_REASONS.has(finishReason) && { finishReason }) };
}

/** Failures of fetch itself, recognised by their fixed wording (which is never repeated). */
function describeFetch(err: unknown, type: string): ModelErrorFacts | undefined {
  const message = messageOf(err);
  const code = codeOf(err);
  if (message.includes('URL that includes credentials')) {
    return { type, description: 'the API URL includes credentials, which requests may not carry', isRetryable: false };
  }
  if (code === 'ERR_INVALID_URL' || message.startsWith('Failed to parse URL') || message === 'Invalid URL') {
    return { type, description: 'the API URL is not a valid URL', isRetryable: false, code: 'ERR_INVALID_URL' };
  }
  if (message.toLowerCase() === 'fetch failed' || (code !== undefined && RETRYABLE_CODES.has(code))) {
    return {
      type,
      description: 'cannot connect to the API',
      isRetryable: code === undefined || RETRYABLE_CODES.has(code),
      ...(code !== undefined && { code }),
    };
  }
  return undefined;
}

/** Safe facts about one thrown value (a model error or one level of its cause chain); never reads out its text. */
export function describeModelError(err: unknown): ModelErrorFacts {
  const type = errorTypeOf(err);
  if (!(err instanceof Error)) return { type, description: 'the provider threw a value that is not an Error', isRetryable: false };
  const ai = loadedAiSdk()?.ai;
  if (ai?.RetryError.isInstance(err)) {
    const errors = read(err, 'errors');
    const attempts = Array.isArray(errors) ? errors.length : undefined;
    return { ...describeModelError(read(err, 'lastError')), type, ...(attempts !== undefined && { attempts }) };
  }
  if (APICallError.isInstance(err)) return describeApiCall(err, type);
  if (ai?.NoObjectGeneratedError.isInstance(err)) return describeNoObject(err, type);
  const fetchFacts = describeFetch(err, type);
  if (fetchFacts) return fetchFacts;
  const code = codeOf(err);
  const known = BY_TYPE[type];
  if (type === 'ZodError') {
    const issues = read(err, 'issues');
    if (Array.isArray(issues))
      return { type, description: `the value does not match the schema (${issues.length} issue${issues.length === 1 ? '' : 's'})`, isRetryable: false };
  }
  return {
    type,
    description: known ?? (code !== undefined ? 'a system error' : 'an unexpected error in the provider'),
    isRetryable: code !== undefined && RETRYABLE_CODES.has(code),
    ...(code !== undefined && { code }),
  };
}

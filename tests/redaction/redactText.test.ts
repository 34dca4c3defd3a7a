import { afterEach, describe, expect, it } from 'vitest';
import { redactText, redactValue, registerRedactionRoot, resetRedactionRoots, REDACTED } from '@/lib/redaction';

afterEach(() => resetRedactionRoots());

describe('redactText: secrets and personal data inside longer strings', () => {
  it.each([
    ['an e-mail in a sentence', 'column "Men (ana.lopez+x@acme-corp.example.com)" is unknown', 'column "Men ([email])" is unknown'],
    ['a folder named like an e-mail', "ENOENT: open 'surveys/ana@acme.test/data.sav'", "ENOENT: open 'surveys/[email]/data.sav'"],
    ['an OpenAI-style key', 'banner uses sk-live-4f9aC2b7d1E8 as a column', 'banner uses [secret] as a column'],
    ['a project key', 'key sk-proj-AbCdEf0123456789xyz rejected', 'key [secret] rejected'],
    ['a Bearer token', 'Authorization: Bearer abc.def-123_456', 'Authorization: [secret]'],
    ['a bare Bearer token', 'sent Bearer abc.def-123_456 upstream', 'sent Bearer [secret] upstream'],
    ['Basic credentials', 'with Basic dXNlcjpwYXNz in the header', 'with Basic [secret] in the header'],
    ['"Basic" and "bearer" as words', 'Only Basic and Standard members; the bearer of the card', 'Only Basic and Standard members; the bearer of the card'],
    ['a JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl was refused', 'token [secret] was refused'],
    ['api_key=…', 'GET /v1/models?api_key=abcdef123456&x=1 failed', 'GET …/models?api_key=[secret]&x=1 failed'],
    ['a JSON password', '{"user":"u","password":"hunter2"}', '{"user":"u","password":"[secret]"}'],
    ['URL credentials', 'fetch failed: http://user:CANARY-PASSWORD@127.0.0.1:1/v1', 'fetch failed: http://[credentials]@127.0.0.1:1/v1'],
    ['a long hex secret', 'secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 leaked', 'secret [secret] leaked'],
    ['a GitHub token', 'ghp_1234567890abcdefghijABCDEFGHIJ123456 in text', '[secret] in text'],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('reduces absolute paths to a name relative to a registered root, else to their last segment', () => {
    registerRedactionRoot('/srv/app/data/uploads');
    registerRedactionRoot('/srv/app/outputs');
    expect(redactText('/srv/app/data/uploads/20261129-x/data.sav is truncated')).toBe('20261129-x/data.sav is truncated');
    expect(redactText("could not write '/srv/app/outputs/acme/run-1/tables.json'")).toBe("could not write 'acme/run-1/tables.json'");
    expect(redactText('ENOENT: open /home/ana/secret-project/survey.sav')).toBe('ENOENT: open …/survey.sav');
    expect(redactText('at C:\\Users\\ana\\data\\survey.sav')).toBe('at …/survey.sav');
  });

  it('leaves ordinary text, ids, metrics, model names, routes and URLs without credentials alone', () => {
    const kept = [
      'CrosstabAgent: column "Q3 = 4 or 5" maps to Q3 in (4, 5)',
      'gpt-4o-mini via genai-prices@0.1.8:openai/gpt-4o-mini',
      'run 20261129-213309-d850f2 on brand-tracker',
      'inputTokens=1200 outputTokens=300',
      'GET /api/runs/20261129-x/events answered 404',
      'https://api.openai.com/v1/chat/completions',
      'Top 2 box (4-5), Bottom 2 box (1-2), NET: any',
      'BannerAgent model call failed: the API rejected the request (AI_APICallError, HTTP 400, openai gpt-4o-mini)',
      'not an email @ all, a@b.c',
    ];
    for (const text of kept) expect(redactText(text)).toBe(text);
  });

  it('redactValue: secret-named keys, content inside strings, ids and numbers kept', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    expect(
      redactValue({ traceId, pipelineId: 'run-1', inputTokens: 5, message: 'mail ana@acme.test', nested: [{ apiKey: 'x', note: 'sk-live-4f9aC2b7d1E8' }] }),
    ).toEqual({ traceId, pipelineId: 'run-1', inputTokens: 5, message: 'mail [email]', nested: [{ apiKey: REDACTED, note: '[secret]' }] });
  });
});

describe('redactText stays linear on hostile text', () => {
  const MB = 1024 * 1024;
  const shapes: Record<string, string> = {
    'one character': 'a'.repeat(MB),
    'at signs': '@'.repeat(MB),
    'local parts and at signs': 'a@'.repeat(MB / 2),
    'almost e-mails': 'ab@cd.'.repeat(MB / 6),
    'scheme separators': '://'.repeat(MB / 3),
    'userinfo without end': `http://${'u'.repeat(MB)}`,
    slashes: '/'.repeat(MB),
    'deep path': ' /a'.repeat(MB / 3),
    'token characters': 'aB3-'.repeat(MB / 4),
    'secret-named keys': 'password='.repeat(MB / 9),
    'bearer words': 'Bearer '.repeat(MB / 7),
  };
  for (const [name, text] of Object.entries(shapes)) {
    it(`1 MB of ${name}`, () => {
      // A guard against quadratic behaviour (seconds to minutes), not a performance figure: see npm run bench:redaction.
      const t0 = performance.now();
      const out = redactText(text);
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(typeof out).toBe('string');
    });
  }
});

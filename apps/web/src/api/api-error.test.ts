import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFromResponse, isSessionEnded } from './api-error';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('apiErrorFromResponse', () => {
  it('keeps the code, message and details of the error envelope', async () => {
    const error = await apiErrorFromResponse(
      json(403, {
        error: { code: 'missing_permission', message: 'Not granted data:write.', details: { required: 'data:write' } },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'missing_permission',
      message: 'Not granted data:write.',
      details: { required: 'data:write' },
    });
  });

  it('reports a body that is not the envelope as bad_response, without echoing it', async () => {
    const error = await apiErrorFromResponse(new Response('<html>Bad gateway secret-ish</html>', { status: 502 }));
    expect(error).toMatchObject({ status: 502, code: 'bad_response' });
    expect(error.message).not.toContain('secret');
  });

  it('keeps an unknown code in the details rather than inventing a known one', async () => {
    const error = await apiErrorFromResponse(json(409, { error: { code: 'brand_new', message: 'Something new.' } }));
    expect(error).toMatchObject({
      status: 409,
      code: 'bad_response',
      message: 'Something new.',
      details: { code: 'brand_new' },
    });
  });
});

describe('isSessionEnded', () => {
  it('is true only for a 401 with no_session or session_expired', () => {
    expect(isSessionEnded(new ApiError(401, 'no_session', 'x'))).toBe(true);
    expect(isSessionEnded(new ApiError(401, 'session_expired', 'x'))).toBe(true);
    expect(isSessionEnded(new ApiError(401, 'token_invalid', 'x'))).toBe(false);
    expect(isSessionEnded(new ApiError(403, 'csrf_failed', 'x'))).toBe(false);
    expect(isSessionEnded(new Error('no_session'))).toBe(false);
  });
});

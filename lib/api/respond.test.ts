import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NOT_FOUND,
  NotFoundError,
  UnauthenticatedError,
} from '../errors.ts';
import { errorAnswer, HttpError, toErrorResponse } from './respond.ts';
import type { AccessContext } from './withAccess.ts';

const never = () => {
  throw new Error('not unexpected');
};

describe('errorAnswer', () => {
  it.each([
    [new InvalidError('slug', 'too long'), 400, 'slug: too long'],
    [
      new InvalidError(null, 'An organization must keep at least one owner.'),
      400,
      'An organization must keep at least one owner.',
    ],
    [new UnauthenticatedError('Invalid token'), 401, 'Invalid token'],
    [new ForbiddenError('no'), 403, 'no'],
    [new NotFoundError(), 404, NOT_FOUND],
    [new NotFoundError('Tag key not found'), 404, 'Tag key not found'],
    [new ConflictError('taken'), 409, 'taken'],
  ])('%s answers %i', (e, status, detail) => {
    expect(errorAnswer(e, never)).toEqual({ status, headers: {}, detail });
  });

  it('names the fields of a zod error', () => {
    const r = z.object({ name: z.string(), teams: z.array(z.string()) }).safeParse({ name: 1, teams: [2] });
    expect(errorAnswer(r.error, never)).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/^name: .*; teams\.0: /),
    });
  });

  it('keeps the headers of an HTTP-level answer (ingest rate limits)', () => {
    expect(errorAnswer(new HttpError(429, 'slow down', { 'retry-after': '3' }), never)).toEqual({
      status: 429,
      headers: { 'retry-after': '3' },
      detail: 'slow down',
    });
  });

  it('hands anything else to the logger once and answers 500 without its message', async () => {
    const log = vi.fn();
    const r = toErrorResponse(new Error('password=hunter2'), log);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ detail: 'internal error' });
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('AccessContext', () => {
  it('gives a route what it declared and nothing more', () => {
    expectTypeOf<AccessContext<{ issue: 'event:read' }>>().toHaveProperty('issue');
    expectTypeOf<AccessContext<{ issue: 'event:read' }>>().toHaveProperty('org');
    expectTypeOf<AccessContext<{ org: 'org:read' }>>().not.toHaveProperty('project');
    expectTypeOf<AccessContext<{ session: true }>>().not.toHaveProperty('org');
    expectTypeOf<AccessContext<{ principal: 'optional' }>['principal']>().toBeNullable();
    expectTypeOf<AccessContext<{ project: 'project:read' }>['principal']>().not.toBeNullable();
  });
});

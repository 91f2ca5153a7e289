import { describe, expect, it } from 'vitest';
import { mentionHandles, resolveMentions } from './mentions.ts';

describe('mentions', () => {
  it('finds handles and emails, not email addresses written inline', () => {
    expect(mentionHandles('@alice look, cc @Bob@Example.com. mail me at carol@example.com or @dave.')).toEqual([
      'alice',
      'bob@example.com',
      'dave',
    ]);
  });
  const members = [
    { id: 1, email: 'alice@example.com', username: null },
    { id: 2, email: 'bob@example.com', username: 'bobby' },
    { id: 3, email: 'sam@a.test', username: null },
    { id: 4, email: 'sam@b.test', username: null },
  ];
  it('resolves by email, username, or a unique local part', () => {
    expect(resolveMentions(['alice', 'bobby', 'sam', 'sam@b.test', 'nobody'], members).map((m) => m.id)).toEqual([
      1, 2, 4,
    ]);
  });
});

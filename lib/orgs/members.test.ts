import { describe, expect, it } from 'vitest';
import { directoryManagedRole, directoryManagedTeam } from './members.ts';
import type { LdapSettings } from '../auth/ldap/settings.ts';

const org = {
  id: 1,
  slug: 'example',
  name: 'Example Inc',
  openMembership: true,
  createdAt: new Date(),
  rateLimitPerMinute: null,
};
const s = { defaultOrganization: 'Example Inc', teamMapping: { backend: ['cn=devs'] } } as unknown as LdapSettings;

describe('directory-managed memberships', () => {
  it('marks directory users of the LDAP default organization (by slug or name)', () => {
    expect(directoryManagedRole(org, { isManaged: true }, s)).toBe(true);
    expect(directoryManagedRole(org, { isManaged: true }, { ...s, defaultOrganization: 'example' })).toBe(true);
  });
  it('leaves local users, other organizations and installs without LDAP alone', () => {
    expect(directoryManagedRole(org, { isManaged: false }, s)).toBe(false);
    expect(directoryManagedRole({ ...org, slug: 'other', name: 'Other' }, { isManaged: true }, s)).toBe(false);
    expect(directoryManagedRole(org, { isManaged: true }, null)).toBe(false);
  });
  it('marks only mapped teams', () => {
    expect(directoryManagedTeam(org, { isManaged: true }, 'backend', s)).toBe(true);
    expect(directoryManagedTeam(org, { isManaged: true }, 'frontend', s)).toBe(false);
  });
});

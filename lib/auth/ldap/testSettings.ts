// The admin "test the directory settings" run: every step of a sign-in, with the LDAP error where one fails.
// Nothing here touches the database, and no password or bind secret ever reaches a step's text.
import { grantFromGroups } from './access.ts';
import { DirectoryUnavailableError, lookupUser, type DirectoryStep } from './directory.ts';
import { profileOf } from './syncUser.ts';
import { ldapSettings, LdapConfigError } from './settings.ts';

export interface DirectoryTestReport {
  ok: boolean;
  steps: DirectoryStep[];
}

export async function testDirectorySettings(username: string, password?: string): Promise<DirectoryTestReport> {
  const steps: DirectoryStep[] = [];
  const push = (s: DirectoryStep) => steps.push(s);
  let settings;
  try {
    settings = ldapSettings();
  } catch (e) {
    if (!(e instanceof LdapConfigError)) throw e;
    push({ step: 'settings', ok: false, detail: e.message });
    return { ok: false, steps };
  }
  if (!settings) {
    push({ step: 'settings', ok: false, detail: 'LDAP_SERVER is not set: only local accounts can sign in' });
    return { ok: false, steps };
  }
  push({
    step: 'settings',
    ok: true,
    detail:
      `server ${settings.server}, user base ${settings.userDn}, group type ` +
      `${settings.groupType}${settings.groupDn ? ` under ${settings.groupDn}` : ''}`,
  });
  try {
    const r = await lookupUser(settings, username, password || undefined, push);
    if (r.kind !== 'ok') {
      const why = {
        'not-found': 'no entry matches the filter',
        ambiguous: 'several entries match the filter',
        'bad-password': 'wrong password',
      }[r.kind];
      push({ step: 'result', ok: false, detail: `sign-in would be refused: ${why}` });
      return { ok: false, steps };
    }
    const grant = grantFromGroups(settings, r.groups);
    const profile = profileOf(settings, r.entry, username);
    push({
      step: 'profile',
      ok: true,
      detail: `username ${profile.username}, email ${profile.email}, name ${profile.name}`,
    });
    push({
      step: 'flags',
      ok: grant.refusal === null,
      detail:
        `active ${grant.isActive}, superuser ${grant.isSuperuser}, staff ` +
        `${grant.isStaff}${grant.refusal ? ` (refused: ${grant.refusal})` : ''}`,
    });
    push({
      step: 'organization',
      ok: true,
      detail: settings.defaultOrganization
        ? `${settings.defaultOrganization}: role ${grant.role}; teams ` +
          `${grant.teams.length ? grant.teams.join(', ') : '(none)'}`
        : 'LDAP_DEFAULT_SENTRY_ORGANIZATION is not set: no membership is synced',
    });
    return { ok: grant.refusal === null, steps };
  } catch (e) {
    if (e instanceof DirectoryUnavailableError) return { ok: false, steps };
    throw e;
  }
}

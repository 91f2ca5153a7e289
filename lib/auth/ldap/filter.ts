// Building the user search filter: the typed name is escaped (RFC 4515) before it replaces `%(user)s`.

/** Escapes a value for use inside an LDAP filter assertion (RFC 4515 section 3): `* ( ) \ NUL` and non-ASCII bytes. */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    // Everything outside printable ASCII is escaped too: filters go over the wire as UTF-8 and some servers
    // mis-handle raw multi-byte characters; `\xx` is always valid.
    if (c === '*' || c === '(' || c === ')' || c === '\\' || byte === 0 || byte > 0x7e || byte < 0x20) {
      out += '\\' + byte.toString(16).padStart(2, '0');
    } else {
      out += c;
    }
  }
  return out;
}

/** The seed's filter template syntax: every `%(user)s` becomes the escaped username. */
export function userFilter(template: string, username: string): string {
  return template.split('%(user)s').join(escapeFilterValue(username));
}

/** DNs compare case-insensitively and ignore spaces after the RDN separators (`cn=a, dc=b` = `CN=a,dc=b`). */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((part) => part.trim())
    .join(',')
    .toLowerCase();
}

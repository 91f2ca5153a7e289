// Where alerts may be sent: http(s) URLs only, and no private, loopback, link-local or otherwise internal address
// unless ALERTS_ALLOWED_PRIVATE_TARGETS names it (checked when a channel is saved and again at connect time, on
// every DNS answer, so a name that later points inside the network is refused too).
import dns from 'node:dns';
import net from 'node:net';

export class TargetError extends Error {
  name = 'TargetError';
}

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  blocked.addSubnet(prefix, bits, 'ipv6');
}

/** True for addresses that are not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    // IPv4-mapped (::ffff:10.0.0.1) and IPv4-compatible forms reach IPv4 hosts.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hexMapped) {
      const hi = parseInt(hexMapped[1], 16);
      const lo = parseInt(hexMapped[2], 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(ip, 'ipv6');
  }
  return true;
}

/** Parses a webhook URL: http or https with a host, no credentials in it. */
export function parseTargetUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TargetError('is not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TargetError('must be an http or https URL');
  if (!u.hostname) throw new TargetError('must have a host');
  if (u.username || u.password) throw new TargetError('must not contain a user name or password');
  return u;
}

const bareHost = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/** The operator's exceptions: host names (as written in the channel) and networks (CIDR) that may be private. */
export interface TargetPolicy {
  hosts: ReadonlySet<string>;
  nets: net.BlockList;
}

/** Parses `robot.intranet, 10.20.0.0/16, 127.0.0.1`; throws on an entry that is neither a CIDR, an IP nor a name. */
export function parseTargetPolicy(raw: string | undefined): TargetPolicy {
  const hosts = new Set<string>();
  const nets = new net.BlockList();
  for (const entry of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [addr, bits, extra] = entry.split('/');
    const family = net.isIP(bareHost(addr));
    if (family && extra === undefined) {
      const max = family === 4 ? 32 : 128;
      const n = bits === undefined ? max : Number(bits);
      if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`"${entry}" has a bad prefix length`);
      nets.addSubnet(bareHost(addr), n, family === 4 ? 'ipv4' : 'ipv6');
    } else if (bits === undefined && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(entry)) {
      hosts.add(entry.toLowerCase());
    } else {
      throw new Error(`"${entry}" is neither a host name, an IP address nor a CIDR network`);
    }
  }
  return { hosts, nets };
}

const SETTING = 'ALERTS_ALLOWED_PRIVATE_TARGETS';

function permitted(ip: string, policy: TargetPolicy): boolean {
  if (!isPrivateAddress(ip)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1] : ip;
  return net.isIPv4(v4) ? policy.nets.check(v4, 'ipv4') : net.isIPv6(ip) && policy.nets.check(ip, 'ipv6');
}

/**
 * Resolves a host and returns its addresses; refuses it (TargetError) when any is private and not allowed.
 * A host named in the allow-list is taken as the operator's choice, whatever it resolves to.
 */
export async function checkHost(host: string, policy: TargetPolicy): Promise<string[]> {
  const h = bareHost(host);
  const addrs = net.isIP(h)
    ? [h]
    : // A name that does not resolve (now) throws the resolver's error (ENOTFOUND...): nothing is reached, and
      // a send may retry it later.
      (await dns.promises.lookup(h, { all: true })).map((a) => a.address);
  if (policy.hosts.has(h)) return addrs;
  const bad = addrs.find((a) => !permitted(a, policy));
  if (bad)
    throw new TargetError(
      `host ${h} resolves to a private address (${bad}); an administrator can allow it with ${SETTING}`,
    );
  return addrs;
}

/** A `lookup` for node:http(s)/net that refuses private addresses at connect time. */
export function guardedLookup(policy: TargetPolicy): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...a: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const list = addresses as dns.LookupAddress[];
      const ok = policy.hosts.has(bareHost(hostname)) ? list : list.filter((a) => permitted(a.address, policy));
      if (!ok.length)
        return callback(
          new TargetError(
            `host ${hostname} resolves only to private addresses; an administrator can allow it with ${SETTING}`,
          ),
        );
      if (options.all) callback(null, ok);
      else callback(null, ok[0].address, ok[0].family);
    });
  }) as unknown as net.LookupFunction;
}

// Password hashing for local accounts: scrypt from node:crypto, parameters stored with each hash.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string | undefined, email?: string): string | null {
  if (!password) return 'password must not be empty';
  if (password.length < 8) return 'password must be at least 8 characters';
  if (/^(.)\1*$/.test(password)) return 'password must not be one repeated character';
  const common = [
    'password',
    '12345678',
    '123456789',
    'qwertyui',
    'iloveyou',
    'admin123',
    'letmein1',
    'welcome1',
    'faultline',
  ];
  if (common.includes(password.toLowerCase())) return 'password is too common';
  if (email && password.toLowerCase() === email.toLowerCase()) return 'password must not be the email address';
  return null;
}

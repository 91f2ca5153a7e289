// Checking a username and password: local accounts by email. (The directory is tried first once LDAP lands.)
import { db } from '../db.ts';
import { verifyPassword } from './password.ts';

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
}

export async function signInWithPassword(username: string, password: string): Promise<SignedInUser | null> {
  const email = username.trim().toLowerCase();
  if (!email || !password) return null;
  const user = await db().user.findUnique({ where: { email } });
  if (!user || !user.isActive || user.isManaged) return null;
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await db().user.update({ where: { id: user.id }, data: { lastLogin: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

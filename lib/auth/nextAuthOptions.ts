// next-auth configuration: one Credentials provider (directory, then local accounts), JWT sessions signed with
// SECRET_KEY.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { config } from '../config.ts';
import { clientIp } from './clientIp.ts';
import { signInWithPassword } from './signIn.ts';

export function authOptions(): NextAuthOptions {
  const { url, secretKey } = config();
  // next-auth v4 takes its own URL (redirects, callback URLs) only from NEXTAUTH_URL and otherwise falls back to
  // http://localhost:3000; FAULTLINE_URL is the one setting operators make, so it decides.
  process.env.NEXTAUTH_URL = `${url}/api/auth`;
  return {
    secret: secretKey,
    // Behind HTTPS the session cookie must never travel over plain HTTP (`__Secure-` names, `Secure` flag).
    useSecureCookies: url.startsWith('https://'),
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/auth/login', error: '/auth/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Faultline',
        credentials: {
          username: { label: 'Username or email', type: 'text' },
          password: { label: 'Password', type: 'password' },
        },
        // Throwing SignInError makes next-auth redirect with `?error=<code>`, which the login page explains.
        async authorize(credentials, req) {
          const ip = clientIp((req?.headers ?? {}) as Record<string, string>);
          const user = await signInWithPassword(credentials?.username ?? '', credentials?.password ?? '', ip);
          return user ? { id: String(user.id), email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      async session({ session, token }) {
        (session as { uid?: number }).uid = token.uid as number | undefined;
        return session;
      },
    },
  };
}

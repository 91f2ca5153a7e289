// next-auth configuration: one Credentials provider, JWT sessions signed with SECRET_KEY.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { config } from '../config.ts';
import { signInWithPassword } from './signIn.ts';

export function authOptions(): NextAuthOptions {
  return {
    secret: config().secretKey,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/auth/login', error: '/auth/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Faultline',
        credentials: { username: { label: 'Username or email', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials) {
          const user = await signInWithPassword(credentials?.username ?? '', credentials?.password ?? '');
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

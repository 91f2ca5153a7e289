// Signed-in area: every page below requires a session; strangers go to the login page.
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect('/auth/login');
  return <>{children}</>;
}

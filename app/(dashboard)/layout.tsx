// Signed-in area: every page below requires a session; strangers go to the login page.
// It also provides the react-query client and the sidebar frame to every page.
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/lib/auth/access';
import { QueryProvider } from '@/components/hooks/QueryProvider';
import { Shell } from '@/components/ui/Shell';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect('/auth/login');
  const { name, email, isSuperuser } = principal.user;
  return (
    <QueryProvider>
      <Shell user={{ name, email, isSuperuser }}>{children}</Shell>
    </QueryProvider>
  );
}

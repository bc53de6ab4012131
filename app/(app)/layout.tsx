import { AppHeader } from "@/components/app-header";
import { requireUser } from "@/lib/auth/current-user";
import { unreadCount } from "@/lib/notifications/list-notifications";

// The shell of every signed-in page. Pages check the session themselves too: a layout is not a security boundary.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The password page must render for a user who still holds a one-time password; every other page redirects there.
  const user = await requireUser({ allowPendingPasswordChange: true });
  const unread = await unreadCount(user);
  return (
    <>
      <AppHeader user={user} unreadNotifications={unread} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}

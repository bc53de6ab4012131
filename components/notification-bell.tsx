/** The bell in the header: a link to the notifications page with the unread count. */
export function NotificationBell({ count, label, unreadLabel }: { count: number; label: string; unreadLabel: string }) {
  const shown = count > 99 ? "99+" : String(count);
  return (
    <a
      href="/notifications"
      className="relative inline-flex items-center rounded p-1 text-white/90 hover:bg-brand-dark hover:text-white"
      aria-label={`${label}: ${unreadLabel}`}
      title={unreadLabel}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {count > 0 && (
        <span
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold leading-5 text-white"
          data-testid="notification-count"
        >
          {shown}
        </span>
      )}
    </a>
  );
}

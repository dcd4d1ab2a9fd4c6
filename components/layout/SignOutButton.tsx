"use client";

import { signOut } from "@/components/auth/auth-client";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        await signOut();
        window.location.assign("/login");
      }}
      className="rounded px-3 py-1 text-sm hover:bg-slate-200 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}

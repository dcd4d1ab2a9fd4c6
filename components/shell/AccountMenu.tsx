"use client";

import { UserRound } from "lucide-react";
import { StandInTrigger, useLazyMenu } from "@/components/ui/lazy-menu";
import type { ThemeChoice } from "@/lib/theme";

export const ACCOUNT_TRIGGER =
  "flex items-center gap-1.5 rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800";

export function AccountFace({ username }: { username: string }) {
  return (
    <>
      <UserRound aria-hidden className="size-4" />
      <span className="sr-only">Account menu for </span>
      <span className="max-w-32 truncate">{username}</span>
    </>
  );
}

/** Everything about the signed-in user in one menu: tokens, two-factor, theme, sign out (loaded on first use). */
export function AccountMenu(props: { username: string; theme: ThemeChoice }) {
  const lazy = useLazyMenu(() => import("./AccountMenuRadix").then((m) => m.AccountMenuRadix));
  if (!lazy.Menu) {
    return (
      <StandInTrigger className={ACCOUNT_TRIGGER} onArm={lazy.arm} busy={lazy.loading}>
        <AccountFace username={props.username} />
      </StandInTrigger>
    );
  }
  return <lazy.Menu username={props.username} theme={props.theme} open={lazy.open} onOpenChange={lazy.setOpen} />;
}

"use client";

import { KeyRound, LogOut, ShieldCheck, UserRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { signOut } from "@/components/auth/auth-client";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toast";
import { parseTheme, type ThemeChoice } from "@/lib/theme";
import { setThemeAction } from "@/server/actions/account/theme-actions";
import { applyTheme } from "./use-theme";

/** Everything about the signed-in user in one menu: tokens, two-factor, theme, sign out. */
export function AccountMenu(props: { username: string; theme: ThemeChoice }) {
  const [theme, setTheme] = useState(props.theme);
  async function choose(value: string) {
    const next = parseTheme(value);
    const before = theme;
    setTheme(next);
    applyTheme(next); // at once; the server keeps it for the next page load
    const r = await setThemeAction({ theme: next }).catch(() => null);
    if (!r?.ok) {
      setTheme(before);
      applyTheme(before);
      toast.error("The theme could not be saved", { details: r && !r.ok ? r.error : "Berth could not be reached" });
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex items-center gap-1.5 rounded px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
        <UserRound aria-hidden className="size-4" />
        <span className="sr-only">Account menu for </span>
        <span className="max-w-32 truncate">{props.username}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel>Signed in as {props.username}</DropdownMenuLabel>
        <DropdownMenuItem asChild>
          <Link href="/account/tokens">
            <KeyRound aria-hidden className="size-4" />
            API tokens
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/account/security">
            <ShieldCheck aria-hidden className="size-4" />
            Two-factor
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme} onValueChange={choose}>
          <DropdownMenuRadioItem value="system">System</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="light">Light</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">Dark</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={async () => {
            await signOut();
            window.location.assign("/login");
          }}
        >
          <LogOut aria-hidden className="size-4" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

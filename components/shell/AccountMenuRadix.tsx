"use client";

import { KeyRound, LogOut, ShieldCheck } from "lucide-react";
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
import { ACCOUNT_TRIGGER, AccountFace } from "./AccountMenu";
import { applyTheme } from "./use-theme";

/** The account menu itself (Radix), loaded on first use by AccountMenu. */
export function AccountMenuRadix(props: {
  username: string;
  theme: ThemeChoice;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
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
    <DropdownMenu open={props.open} onOpenChange={props.onOpenChange}>
      <DropdownMenuTrigger className={ACCOUNT_TRIGGER}>
        <AccountFace username={props.username} />
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

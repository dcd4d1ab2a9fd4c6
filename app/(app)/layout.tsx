import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import { AppShell } from "@/components/shell/AppShell";
import { requestActor } from "@/server/auth/request-actor";
import { shellProps } from "./shell-props";
export const dynamic = "force-dynamic";

// Pages are guarded here for navigation; every action, route handler and socket event checks the actor itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requestActor();
  if (!actor) redirect("/login");
  return (
    <AppShell {...(await shellProps(actor))} search={<SearchBox />}>
      {children}
    </AppShell>
  );
}

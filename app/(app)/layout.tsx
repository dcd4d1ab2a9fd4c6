import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/layout/SignOutButton";
import { SearchBox } from "@/components/search/SearchBox";
import { can } from "@/lib/policy";
import { requestActor } from "@/server/auth/request-actor";

export const dynamic = "force-dynamic";

// Pages are guarded here for navigation; every action, route handler and socket event checks the actor itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requestActor();
  if (!actor) redirect("/login");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold">
            Berth
          </Link>
          <Link href="/" className="text-sm hover:underline">
            Home
          </Link>
          <Link href="/containers" className="text-sm hover:underline">
            All containers
          </Link>
          <Link href="/endpoints" className="text-sm hover:underline">
            Endpoints
          </Link>
          <Link href="/topology" className="text-sm hover:underline">
            Topology
          </Link>
          <Link href="/images" className="text-sm hover:underline">
            Images
          </Link>
          <Link href="/networks" className="text-sm hover:underline">
            Networks
          </Link>
          <Link href="/volumes" className="text-sm hover:underline">
            Volumes
          </Link>
          <Link href="/events" className="text-sm hover:underline">
            Events
          </Link>
          {can(actor, "registry:manage") && (
            <Link href="/registries" className="text-sm hover:underline">
              Registries
            </Link>
          )}
          {can(actor, "audit:read") && (
            <Link href="/audit" className="text-sm hover:underline">
              Audit
            </Link>
          )}
          {can(actor, "settings:manage") && (
            <Link href="/settings/restrictions" className="text-sm hover:underline">
              Settings
            </Link>
          )}
          {can(actor, "user:manage") && (
            <Link href="/admin/users" className="text-sm hover:underline">
              Users
            </Link>
          )}
          {can(actor, "team:manage") && (
            <Link href="/admin/teams" className="text-sm hover:underline">
              Teams
            </Link>
          )}
          {can(actor, "statuspage:manage") && (
            <Link href="/admin/status-pages" className="text-sm hover:underline">
              Status pages
            </Link>
          )}
          <div className="ml-auto">
            <SearchBox />
          </div>
          <Link href="/account/tokens" className="text-sm hover:underline">
            API tokens
          </Link>
          <Link href="/account/security" className="text-sm hover:underline">
            Two-factor
          </Link>
          <span className="text-sm text-slate-500">{actor.username}</span>
          <SignOutButton />
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}

import { SearchBox } from "@/components/search/SearchBox";
import { AppShell } from "@/components/shell/AppShell";
import { NotFoundView } from "@/components/shell/NotFoundView";
import { requestActor } from "@/server/auth/request-actor";
import { shellProps } from "./(app)/shell-props";

export const metadata = { title: "Not found" };

// An address no route matches: inside the shell for a signed-in user, a plain page (no names, no menus) otherwise.
export default async function NotFound() {
  const actor = await requestActor().catch(() => null);
  if (!actor)
    return (
      <main className="px-4">
        <NotFoundView signedIn={false} />
      </main>
    );
  return (
    <AppShell {...(await shellProps(actor))} search={<SearchBox />}>
      <NotFoundView signedIn />
    </AppShell>
  );
}

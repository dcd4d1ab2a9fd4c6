import { NotFoundView } from "@/components/shell/NotFoundView";

// notFound() from a page inside the shell: the 404 shows with the sidebar, so the way on is one click away.
export default function AppNotFound() {
  return <NotFoundView signedIn />;
}

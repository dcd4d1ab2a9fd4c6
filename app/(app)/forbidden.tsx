import { ForbiddenView } from "@/components/shell/ForbiddenView";

// forbidden() from a page inside the shell answers 403 with the sidebar still there.
export default function AppForbidden() {
  return <ForbiddenView />;
}

"use client";

import type { ReactNode } from "react";
import { useResolvedTheme } from "@/components/shell/use-theme";
import { Toaster } from "@/components/ui/toast";

// Nothing here fetches through a client cache (pages are server-rendered, live data comes over the socket), so no
// query provider: it cost every page 7 kB of JavaScript for nothing.
export function Providers({ children }: { children: ReactNode }) {
  const theme = useResolvedTheme();
  return (
    <>
      {children}
      <Toaster theme={theme} />
    </>
  );
}

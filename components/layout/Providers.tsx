"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useResolvedTheme } from "@/components/shell/use-theme";
import { Toaster } from "@/components/ui/toast";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  const theme = useResolvedTheme();
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster theme={theme} />
    </QueryClientProvider>
  );
}

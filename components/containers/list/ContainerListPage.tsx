"use client";

import type { ContainerSummary, EndpointView } from "@/lib/domain";
import { ContainerList } from "./ContainerList";

/** The container list as pages use it (a client boundary: the row menu is a function of the row). */
export function ContainerListPage(props: {
  endpoints: EndpointView[];
  initial: Record<string, ContainerSummary[]>;
  operable: string[];
  fixedEndpoint?: string;
}) {
  return <ContainerList {...props} />;
}

"use client";

import { useCallback, useMemo } from "react";
import type { ContainerSummary, EndpointView } from "@/lib/domain";
import type { UpdateView } from "@/lib/updates";
import { ContainerList } from "./ContainerList";
import { ContainerRowMenu } from "./ContainerRowMenu";

/** The container list as pages use it (a client boundary: the row menu is a function of the row). */
export function ContainerListPage(props: {
  endpoints: EndpointView[];
  initial: Record<string, ContainerSummary[]>;
  /** Endpoint ids where the user may operate containers (checkboxes, bulk toolbar, row menu). */
  operable: string[];
  /** Endpoint ids where the user may also create them (Duplicate, Edit, Recreate in the row menu). */
  creatable: string[];
  fixedEndpoint?: string;
}) {
  const creatable = useMemo(() => new Set(props.creatable), [props.creatable]);
  const rowMenu = useCallback(
    (c: ContainerSummary, update?: UpdateView) => (
      <ContainerRowMenu c={c} canCreate={creatable.has(c.endpointId)} update={update} />
    ),
    [creatable],
  );
  return <ContainerList {...props} rowMenu={rowMenu} />;
}

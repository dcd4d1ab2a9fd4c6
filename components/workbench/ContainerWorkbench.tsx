"use client";

import { useEffect, useState } from "react";
import { Tabs } from "@/components/ui/tabs";
import type { ContainerOverview } from "@/lib/container-overview";
import { ConsolePanel } from "./ConsolePanel";
import { InspectPanel } from "./InspectPanel";
import { LogsPanel } from "./LogsPanel";
import { OverviewPanel } from "./OverviewPanel";
import { StatsPanel } from "./StatsPanel";

const TABS = ["Overview", "Logs", "Stats", "Console", "Inspect"] as const;
type Tab = (typeof TABS)[number];

function initialTab(): Tab {
  if (typeof window === "undefined") return "Overview";
  const h = decodeURIComponent(window.location.hash.slice(1)).toLowerCase();
  return TABS.find((t) => t.toLowerCase() === h) ?? "Overview";
}

/** The container detail page: one tab mounted at a time, so a hidden tab holds no live stream. */
export function ContainerWorkbench(props: {
  endpointId: string;
  overview: ContainerOverview;
  top: { titles: string[]; processes: string[][] } | null;
  inspectJson: string;
  secretsVisible: boolean;
  canExec: boolean;
}) {
  const [tab, setTab] = useState<Tab>("Overview");
  // The hash is only known in the browser; reading it after mount keeps hydration consistent.
  useEffect(() => setTab(initialTab()), []);
  const select = (t: Tab) => {
    setTab(t);
    history.replaceState(null, "", `#${t.toLowerCase()}`);
  };
  const { endpointId, overview } = props;
  return (
    <Tabs label="Container" tabs={TABS} selected={tab} onSelect={select}>
      {tab === "Overview" && <OverviewPanel endpointId={endpointId} overview={overview} top={props.top} />}
      {tab === "Logs" && <LogsPanel endpointId={endpointId} containerId={overview.id} />}
      {tab === "Stats" && <StatsPanel endpointId={endpointId} containerId={overview.id} />}
      {tab === "Console" && (
        <ConsolePanel
          endpointId={endpointId}
          containerId={overview.id}
          canExec={props.canExec}
          running={overview.running}
        />
      )}
      {tab === "Inspect" && <InspectPanel json={props.inspectJson} secretsVisible={props.secretsVisible} />}
    </Tabs>
  );
}

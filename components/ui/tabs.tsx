"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import type { ReactNode } from "react";

/**
 * Tabs on Radix (arrow keys, Home/End, roving tab stop). Only the selected panel is rendered, so a hidden tab holds
 * no live stream; the caller renders the selected panel's content as children.
 */
export function Tabs<T extends string>(props: {
  label: string;
  tabs: readonly T[];
  selected: T;
  onSelect: (t: T) => void;
  children: ReactNode;
}) {
  return (
    <RadixTabs.Root value={props.selected} onValueChange={(v) => props.onSelect(v as T)} activationMode="automatic">
      <RadixTabs.List
        aria-label={props.label}
        className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-300 dark:border-slate-700"
      >
        {props.tabs.map((t) => (
          <RadixTabs.Trigger
            key={t}
            value={t}
            className="-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm hover:text-blue-700 data-[state=active]:border-blue-600 data-[state=active]:font-medium data-[state=active]:text-blue-700 dark:hover:text-blue-300 dark:data-[state=active]:text-blue-300"
          >
            {t}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      <RadixTabs.Content value={props.selected} className="focus:outline-none">
        {props.children}
      </RadixTabs.Content>
    </RadixTabs.Root>
  );
}

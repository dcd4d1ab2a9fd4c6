"use client";

import type { ReactNode } from "react";
import { buttonClass, dangerClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { PrunePlan } from "@/lib/resources";

/**
 * The confirmation of a prune: what the preview found (or that nothing is unused), each item named, and one button
 * that prunes exactly those items (not whatever is unused by the time the engine is asked).
 */
export function PruneDialog<T>(props: {
  /** "images", "volumes": the dialog's title and list name follow it. */
  plural: string;
  plan: PrunePlan<T>;
  nothing: string;
  summary: ReactNode;
  itemKey: (item: T) => string;
  itemText: (item: T) => string;
  busy: boolean;
  onClose: () => void;
  onConfirm: (items: T[]) => void;
}) {
  const { plan } = props;
  return (
    <Dialog title={`Prune unused ${props.plural}`} wide onClose={props.onClose}>
      {plan.items.length === 0 ? (
        <p className="mb-4 text-sm">{props.nothing}</p>
      ) : (
        <>
          <p className="mb-2 text-sm">{props.summary}</p>
          <ul
            aria-label={`${props.plural.charAt(0).toUpperCase()}${props.plural.slice(1)} to prune`}
            className="mb-4 max-h-64 overflow-auto font-mono text-xs"
          >
            {plan.items.map((i) => (
              <li key={props.itemKey(i)}>{props.itemText(i)}</li>
            ))}
          </ul>
        </>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass} onClick={props.onClose}>
          Cancel
        </button>
        {plan.items.length > 0 && (
          <button
            type="button"
            className={dangerClass}
            disabled={props.busy}
            onClick={() => props.onConfirm(plan.items)}
          >
            Confirm prune
          </button>
        )}
      </div>
    </Dialog>
  );
}

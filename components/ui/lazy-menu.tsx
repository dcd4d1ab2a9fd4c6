"use client";

import { type ComponentType, type ReactNode, useState } from "react";

/**
 * A menu whose code loads on first use. Until then a plain button with the trigger's look stands in (same name, same
 * place in the tab order); the first click, Enter, Space or Arrow Down loads the real menu (Radix) and opens it.
 * Every page used to pay for the menus' code (popper, focus scope, roving focus) in first-load JavaScript.
 */
export function useLazyMenu<P>(load: () => Promise<ComponentType<P>>) {
  const [menu, setMenu] = useState<{ C: ComponentType<P> } | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const arm = () => {
    setOpen(true);
    if (menu || loading) return;
    setLoading(true);
    void load()
      .then((C) => setMenu({ C }))
      .finally(() => setLoading(false));
  };
  return { Menu: menu?.C ?? null, open, setOpen, arm, loading };
}

/** The look of a table row's compact "Actions for …" menu button, shared by its stand-in and the real trigger. */
export const ROW_MENU_TRIGGER =
  "inline-flex h-7 w-7 items-center justify-center rounded hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800";

export function StandInTrigger(props: {
  className: string;
  onArm: () => void;
  busy: boolean;
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      aria-busy={props.busy || undefined}
      aria-label={props.label}
      className={props.className}
      onClick={props.onArm}
      onKeyDown={(e) => {
        if (e.key !== "ArrowDown") return;
        e.preventDefault();
        props.onArm();
      }}
    >
      {props.children}
    </button>
  );
}

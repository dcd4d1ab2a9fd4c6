"use client";

import { useSyncExternalStore } from "react";
import { type ThemeChoice, themeClass } from "@/lib/theme";

// The theme lives in one place: the class on <html> (rendered by the server from the user's choice). These helpers
// change it at once on a switch and let script-drawn parts (charts, graph controls, toasts) follow it.

const CLASSES = ["dark", "light", "theme-system"];

export function applyTheme(choice: ThemeChoice): void {
  const html = document.documentElement;
  html.classList.remove(...CLASSES);
  html.classList.add(themeClass(choice));
}

export function currentChoice(): ThemeChoice {
  const c = document.documentElement.classList;
  return c.contains("dark") ? "dark" : c.contains("light") ? "light" : "system";
}

function resolved(): "light" | "dark" {
  const choice = currentChoice();
  if (choice !== "system") return choice;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

/** "light" or "dark" as the page shows it now; re-renders when the user or the system switches. */
export function useResolvedTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribe, resolved, () => "light");
}

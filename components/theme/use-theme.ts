"use client";
/**
 * The theme in the browser (lib/theme): the person's choice, kept in
 * localStorage, and the theme drawn now, read from the `dark` class on <html>
 * (which ThemeSync and the head script set).
 */
import { useCallback, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, type Theme, type ThemeChoice } from "@/lib/theme";

const CHOICE_EVENT = "cnmap-theme-choice";

function subscribeClass(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

/** The theme drawn now. */
export function useDrawnTheme(): Theme {
  return useSyncExternalStore(
    subscribeClass,
    () => (document.documentElement.classList.contains("dark") ? "dark" : "light"),
    () => "light",
  );
}

/** The choice kept in this browser, read now. */
export function readThemeChoice(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(THEME_STORAGE_KEY);
    return v === "dark" || v === "light" ? v : "system";
  } catch {
    return "system";
  }
}

function subscribeChoice(onChange: () => void): () => void {
  window.addEventListener(CHOICE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHOICE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The person's choice and a setter (kept in this browser; "system" forgets it). */
export function useThemeChoice(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(subscribeChoice, readThemeChoice, () => "system" as const);
  const set = useCallback((next: ThemeChoice) => {
    try {
      if (next === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
      else window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice lasts until the page closes.
    }
    window.dispatchEvent(new Event(CHOICE_EVENT));
  }, []);
  return [choice, set];
}

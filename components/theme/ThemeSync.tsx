"use client";
/**
 * Keeps the `dark` class on <html> right after the first paint (the head
 * script set it before): when the URL's `?theme=`, the person's choice or
 * the system's preference changes.
 */
import { useEffect, useSyncExternalStore } from "react";
import { useSearchParams } from "next/navigation";
import { THEME_PARAM, parseTheme, resolveTheme } from "@/lib/theme";
import { useThemeChoice } from "./use-theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeSystem(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function ThemeSync() {
  const param = parseTheme(useSearchParams().get(THEME_PARAM));
  const [choice] = useThemeChoice();
  const systemDark = useSyncExternalStore(subscribeSystem, () => window.matchMedia(DARK_QUERY).matches, () => false);
  const theme = resolveTheme(param, choice, systemDark);
  useEffect(() => {
    document.documentElement.classList.toggle("dark", theme === "dark");
  }, [theme]);
  return null;
}

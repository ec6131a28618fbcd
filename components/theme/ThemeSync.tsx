"use client";
/**
 * Keeps the `dark` class on <html> right after the first paint (the head
 * script set it before): when the URL's `?theme=`, the person's choice or
 * the system's preference changes. The effect reads the choice and the
 * preference itself: while hydrating, React hands hooks the server's
 * snapshot (no choice, a light system), which would take `dark` off a dark
 * screen for a frame.
 */
import { useEffect, useSyncExternalStore } from "react";
import { useSearchParams } from "next/navigation";
import { THEME_PARAM, parseTheme, resolveTheme } from "@/lib/theme";
import { readThemeChoice, useThemeChoice } from "./use-theme";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeSystem(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

export function ThemeSync() {
  const param = parseTheme(useSearchParams().get(THEME_PARAM));
  // Subscriptions only: a change of either runs the effect again.
  const [choice] = useThemeChoice();
  const systemDark = useSyncExternalStore(subscribeSystem, () => window.matchMedia(DARK_QUERY).matches, () => false);
  useEffect(() => {
    const theme = resolveTheme(param, readThemeChoice(), window.matchMedia(DARK_QUERY).matches);
    document.documentElement.classList.toggle("dark", theme === "dark");
  }, [param, choice, systemDark]);
  return null;
}

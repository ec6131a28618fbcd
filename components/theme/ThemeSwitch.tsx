"use client";
/** The header's theme choice: the system's, light or dark (kept in this browser; `?theme=` in a link still wins). */
import { THEME_PARAM, type ThemeChoice } from "@/lib/theme";
import { useSearchParams } from "next/navigation";
import { useThemeChoice } from "./use-theme";

const LABELS: Record<ThemeChoice, string> = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };

export function ThemeSwitch() {
  const [choice, setChoice] = useThemeChoice();
  const pinned = useSearchParams().get(THEME_PARAM);
  return (
    <select
      data-testid="theme-switch"
      aria-label="Colour theme"
      value={choice}
      onChange={(e) => setChoice(e.target.value as ThemeChoice)}
      title={pinned ? `This link sets ?theme=${pinned}, which wins over the choice here` : "Light or dark, or as the system says"}
      className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-700"
    >
      {(Object.keys(LABELS) as ThemeChoice[]).map((c) => (
        <option key={c} value={c}>
          {LABELS[c]}
        </option>
      ))}
    </select>
  );
}

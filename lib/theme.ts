/**
 * Light and dark. The theme follows the system (`prefers-color-scheme`)
 * unless the person chose one (kept in this browser), and `?theme=dark|light`
 * in the URL overrides both (a wall screen's link says what it wants). The
 * `dark` class sits on <html>; app/dark-palette.css does the rest.
 */
export type Theme = "light" | "dark";
export type ThemeChoice = Theme | "system";

export const THEME_PARAM = "theme";
export const THEME_STORAGE_KEY = "cnmap.theme";

export function parseTheme(value: string | null | undefined): Theme | null {
  return value === "dark" || value === "light" ? value : null;
}

/** The theme drawn: the URL's, else the person's choice, else the system's. */
export function resolveTheme(param: Theme | null, choice: ThemeChoice, systemDark: boolean): Theme {
  if (param) return param;
  if (choice !== "system") return choice;
  return systemDark ? "dark" : "light";
}

/**
 * Runs in <head> before the first paint, so a dark screen never flashes
 * white: the same rule as resolveTheme, on what the page has at that moment.
 */
export const THEME_SCRIPT = `(function(){try{var q=new URLSearchParams(location.search).get(${JSON.stringify(THEME_PARAM)});var c=null;try{c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}var t=q==="dark"||q==="light"?q:c==="dark"||c==="light"?c:matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";document.documentElement.classList.toggle("dark",t==="dark")}catch(e){}})();`;

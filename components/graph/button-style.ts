/** The canvas's control buttons (view controls, export and views menus): one style. */
export const BUTTON = "rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 shadow-sm hover:bg-slate-50";

import { useEffect } from "react";
import { useAppStore } from "./app-store.js";

/**
 * Mirrors the settings onto <html>: `lang` (fonts, screen readers) and `data-theme`, which the CSS reads
 * to override the system's light/dark preference ("system" leaves it to `prefers-color-scheme`).
 */
export function useDocumentSettings(): void {
  const lang = useAppStore((s) => s.settings.lang);
  const theme = useAppStore((s) => s.settings.theme);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}

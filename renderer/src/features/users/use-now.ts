import { useEffect, useState } from "react";

/**
 * The current time, re-read every `intervalMs`: only the component that shows a live time re-renders
 * (the token countdown each second, the table's "3 分钟前" twice a minute).
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

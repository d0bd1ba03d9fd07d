import { useShallow } from "zustand/react/shallow";
import { selectButtons, useMenuStore } from "./menu-store.js";
import { type FoundButton, findButton } from "./menu-tree.js";

/** The selected button with its place (parent, index), or undefined; stable between unrelated changes. */
export function useSelectedButton(): FoundButton | undefined {
  const found = useMenuStore(
    useShallow((s) => (s.selectedId ? findButton(selectButtons(s), s.selectedId) : undefined) ?? NONE),
  );
  return found === NONE ? undefined : (found as FoundButton);
}

const NONE = {} as const;

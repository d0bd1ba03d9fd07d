import { act, render, screen } from "@testing-library/react";
import { installMemoryDesk } from "../../../testing/install-memory-desk.js";
import type { MemoryDesk, MemoryDeskOptions } from "../../../testing/memory-desk-api.js";
import { Toaster } from "../../../ui/toaster.js";
import { useButtonReplyStore } from "../button-reply-store.js";
import { useMenuRemoteStore } from "../menu-remote-store.js";
import { MenuScreen } from "../menu-screen.js";
import { useMenuStore } from "../menu-store.js";

/** The 菜单 screen on a memory desk with `options`, with its toasts, once the phone preview shows. */
export async function openMenuEditor(options: MemoryDeskOptions): Promise<MemoryDesk> {
  const desk = await installMemoryDesk(options);
  await act(async () => {
    render(
      <>
        <MenuScreen />
        <Toaster />
      </>,
    );
  });
  await screen.findByRole("region", { name: "手机预览" });
  return desk;
}

/** For afterEach: the menu screen's stores back to empty (they are module singletons). */
export function resetMenuStores(): void {
  useMenuStore.getState().reset();
  useMenuRemoteStore.getState().reset();
  useButtonReplyStore.getState().reset();
}

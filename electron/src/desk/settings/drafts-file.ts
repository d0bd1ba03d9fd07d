import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Menu } from "@wxdesk/wechat";
import { z } from "zod";
import type { MenuDraft } from "../../desk-api.js";
import { menuSchema } from "../args/common-schemas.js";
import { readJsonFile, writeJsonFile } from "./json-file.js";
import { PROFILE_ID } from "./settings-schema.js";

const draftSchema: z.ZodType<MenuDraft> = z.object({ menu: menuSchema, savedAt: z.number() });

/** Menu drafts, one file per profile: `<dataDir>/drafts/<profileId>.json`, written atomically. */
export class DraftsFile {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "drafts");
  }

  private path(profileId: string): string {
    // Ids are checked when profiles are made; checked again because this one becomes a file name.
    if (!PROFILE_ID.test(profileId)) throw new Error("bad profile id");
    return join(this.dir, `${profileId}.json`);
  }

  /** The saved draft, or null (none yet, or a broken file that was kept aside). */
  async load(profileId: string): Promise<MenuDraft | null> {
    const read = await readJsonFile(this.path(profileId), draftSchema);
    return read.state === "ok" ? read.value : null;
  }

  async save(profileId: string, menu: Menu, now = Date.now()): Promise<MenuDraft> {
    const draft: MenuDraft = { menu, savedAt: now };
    await mkdir(this.dir, { recursive: true });
    await writeJsonFile(this.path(profileId), draft);
    return draft;
  }

  async remove(profileId: string): Promise<void> {
    await rm(this.path(profileId), { force: true });
  }
}

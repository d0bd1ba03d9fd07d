import type { z } from "zod";
import type { DeskMethod } from "../../desk-api.js";
import { activityArgs } from "./activity-args.js";
import { appArgs } from "./app-args.js";
import { appsArgs } from "./apps-args.js";
import { linksArgs } from "./links-args.js";
import { menuArgs } from "./menu-args.js";
import type { MethodArgs } from "./method-types.js";
import { profilesArgs } from "./profiles-args.js";
import { repliesArgs } from "./replies-args.js";
import { sandboxArgs } from "./sandbox-args.js";
import { serviceKeysArgs } from "./service-keys-args.js";
import { usersArgs } from "./users-args.js";

/** Every DeskMethod's argument schema; a method added to DeskApi without one fails to compile here. */
export const METHOD_ARGS: { [M in DeskMethod]: z.ZodType<MethodArgs<M>> } = {
  ...appArgs,
  ...profilesArgs,
  ...serviceKeysArgs,
  ...appsArgs,
  ...menuArgs,
  ...linksArgs,
  ...usersArgs,
  ...repliesArgs,
  ...activityArgs,
  ...sandboxArgs,
};

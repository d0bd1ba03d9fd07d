/**
 * `server.js backup …` / `server.js restore …`: words for a person, so they go to stderr (stdout is
 * JSON logs). The names alone, apart from data-commands.ts, so the entry can tell a command from a
 * start without loading SQLite.
 */
export type DataCommand = "backup" | "restore";

export const DATA_COMMANDS: readonly DataCommand[] = ["backup", "restore"];

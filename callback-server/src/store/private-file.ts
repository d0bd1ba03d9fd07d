import {
  chmodSync,
  chownSync,
  closeSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Files of the data folder written by a command a person runs (backup, restore): mode 0600 from
 * the first byte, and owned by the folder's owner. Such commands run as root (`sudo`), the server
 * as its own user (systemd's DynamicUser, the image's `node`): a root-owned 0600 file locks it out.
 */

/** An empty file, mode 0600 before anything is written into it. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, "w", 0o600));
  chmodSync(path, 0o600);
}

/** Hands `path` to whoever owns `folder` (only root can, and only root needs to). */
export function giveToFolderOwner(path: string, folder: string): void {
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = statSync(folder);
  chownSync(path, uid, gid);
}

/** A temp name beside `path`, so the final rename stays on one file system. */
export function tempBeside(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${process.pid}`);
}

/** Writes `text` to `path` (0600, the folder's owner) through a temp file and one rename. */
export function writePrivateFile(path: string, text: string): void {
  const temp = tempBeside(path, "write");
  createPrivateFile(temp);
  try {
    writeFileSync(temp, text);
    giveToFolderOwner(temp, dirname(path));
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

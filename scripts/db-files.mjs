// Shared by the server, backup and restore: where the database is, and the file that says a
// server is using it.
import path from "node:path";

export function databasePath() {
  return path.resolve(process.env.DATABASE_PATH ?? path.join("data", "tandem.db"));
}

/** Written by scripts/server.mjs while it serves, holding its process id. */
export function serverPidFile(dbFile = databasePath()) {
  return `${dbFile}.server-pid`;
}

/** True when the pid file names a process that is still alive. */
export function serverRunning(fs, dbFile = databasePath()) {
  const file = serverPidFile(dbFile);
  if (!fs.existsSync(file)) return false;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // alive, owned by someone else
  }
}

/**
 * `npm run create-manager -- --email ada@funder.example --name "Ada Lovelace" --organisation "Funder"`
 *
 * The first manager of a production database. With NODE_ENV=production Tandem seeds no demo
 * accounts, so nobody can sign in to create staff: run this on the server (it opens the database at
 * DATABASE_PATH, as the app does, and applies any pending migrations). It creates a manager account
 * with no password and prints a one-time link to set one: the same set-password tokens as the
 * manager's people page (only the token's SHA-256 is stored, and the link works once, for 7 days).
 * Run it again for a manager who has not set a password yet and it prints a fresh link (the earlier
 * one stops working). It refuses an email that already has a password or another role.
 *
 * Options: --email, --name and --organisation are required; --country (default GB) is an ISO code;
 * --url is the public address the link starts with (default AUTH_URL, else http://localhost:PORT).
 * Exit code 0 when a link was printed, 1 when refused, 2 on bad usage.
 */
import { parseArgs } from "node:util";
import { closeDb } from "@/db/client";
import { formatDateTime } from "@/lib/format";
import { ActionError } from "@/lib/server/action-error";
import { createManagerFromCommandLine } from "@/lib/server/manage/people";
import { personFormSchema } from "@/lib/validation/manage";

const USAGE =
  'Usage: npm run create-manager -- --email <email> --name "<full name>" --organisation "<organisation>" [--country GB] [--url https://tandem.example.org]';

const FLAG: Record<string, string> = { email: "--email", name: "--name", organisation: "--organisation", country: "--country" };

/** The link's origin: --url, else AUTH_URL (the deployment's public URL), else the local server. */
export function publicOrigin(url: string | undefined, env: Record<string, string | undefined>): string {
  const base = url ?? env.AUTH_URL ?? `http://localhost:${env.PORT ?? "3000"}`;
  return new URL(base).origin;
}

export async function createManager(argv: string[], env: Record<string, string | undefined>, print: (line: string) => void): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        organisation: { type: "string" },
        country: { type: "string", default: "GB" },
        url: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    print(error instanceof Error ? error.message : String(error));
    print(USAGE);
    return 2;
  }
  let origin: string;
  try {
    origin = publicOrigin(values.url, env);
  } catch {
    print(`--url must be an address such as https://tandem.example.org`);
    return 2;
  }
  const parsed = personFormSchema.safeParse({
    role: "manager",
    email: values.email ?? "",
    name: values.name ?? "",
    organisation: values.organisation ?? "",
    country: values.country,
    expertise: [],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) print(`${FLAG[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
    print(USAGE);
    return 2;
  }
  try {
    const link = await createManagerFromCommandLine(parsed.data);
    print(
      link.created
        ? `Created the manager account of ${link.name} <${link.email}>.`
        : `${link.name} <${link.email}> has not set a password yet: here is a new link (the earlier one no longer works).`,
    );
    print(`Send them this one-time link to set their password. It works once, until ${formatDateTime(link.expiresAt)}:`);
    print(`  ${origin}${link.path}`);
    return 0;
  } catch (error) {
    if (error instanceof ActionError) {
      print(error.message);
      return 1;
    }
    throw error;
  }
}

// Run as a command (not when a test imports it).
if (process.argv[1] && /create-manager\.ts$/u.test(process.argv[1])) {
  createManager(process.argv.slice(2), process.env, (line) => console.log(line))
    .then((code) => {
      closeDb();
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error("Could not create the manager account", error);
      closeDb();
      process.exitCode = 1;
    });
}

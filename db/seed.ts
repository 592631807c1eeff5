import { count } from "drizzle-orm";
import { hashPassword } from "../lib/crypto/password";
import type { Db } from "./client";
import { calls, users, type Role } from "./schema";

export const DEMO_PASSWORD = "tandem-demo";
const DAY = 24 * 60 * 60 * 1000;

export const DEMO_USERS: { email: string; name: string; role: Role; organisation: string; country: string; expertise: string[] }[] = [
  { email: "bidder@demo.test", name: "Bea Bidder", role: "bidder", organisation: "Northern Composites Ltd", country: "GB", expertise: [] },
  { email: "assessor1@demo.test", name: "Ada Assessor", role: "assessor", organisation: "University of Leeds", country: "GB", expertise: ["additive-manufacturing", "graphene-2d-materials"] },
  { email: "assessor2@demo.test", name: "Ben Assessor", role: "assessor", organisation: "Fraunhofer IPT", country: "DE", expertise: ["digital-twins", "robotics"] },
  { email: "assessor3@demo.test", name: "Cleo Assessor", role: "assessor", organisation: "A*STAR SIMTech", country: "SG", expertise: ["green-hydrogen-production", "batteries"] },
  { email: "manager@demo.test", name: "Mo Manager", role: "manager", organisation: "Innovate UK", country: "GB", expertise: [] },
];

export const DEMO_OPEN_CALL_TITLE = "International R&I collaboration in advanced manufacturing and materials";

/** Demo data for a fresh database; does nothing when any user exists. */
export async function seedDemoData(db: Db, now = new Date()): Promise<boolean> {
  const existing = db.select({ n: count() }).from(users).get();
  if ((existing?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    tx.insert(users)
      .values(DEMO_USERS.map((u) => ({ ...u, passwordHash })))
      .run();
    tx.insert(calls)
      .values({
        title: DEMO_OPEN_CALL_TITLE,
        description:
          "Funding for UK-led research and innovation projects with international partners, in the technology domains and partner countries identified by the 2021 international benchmarking of advanced manufacturing and materials.",
        opensAt: new Date(now.getTime() - DAY),
        closesAt: new Date(now.getTime() + 60 * DAY),
        assessmentDueAt: new Date(now.getTime() + 90 * DAY),
        budget: 5_000_000,
        assessorsRequired: 3,
        overallThreshold: 50,
      })
      .run();
  });
  return true;
}

import { paths } from "@/lib/paths";
import { requirePageActor } from "@/lib/server/session";

export default async function ManagePage() {
  await requirePageActor("call:manage", paths.manage);
  return <h1>Calls</h1>;
}

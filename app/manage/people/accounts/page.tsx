import type { Metadata } from "next";
import { AccountsView } from "@/components/manage/AccountsView";
import { paths } from "@/lib/paths";
import { listAccounts } from "@/lib/server/accounts";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Accounts" };

/** Every account, with a switch to disable or re-enable it, and the recent changes. */
export default async function AccountsPage() {
  const actor = await requirePageActor("user:manage", paths.accounts);
  const { accounts, changes } = foundOr404(await listAccounts(actor));
  return <AccountsView accounts={accounts} changes={changes} viewerId={actor.id} />;
}

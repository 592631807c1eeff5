import type { Metadata } from "next";
import { AccountsView } from "@/components/manage/AccountsView";
import { paths } from "@/lib/paths";
import { parseRouteId } from "@/lib/route-id";
import { listAccounts } from "@/lib/server/accounts";
import { foundOr404 } from "@/lib/server/pages";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Accounts" };

/** One page of the accounts (found by ?q=), each with a switch to disable or re-enable it, and the recent changes. */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }) {
  const { q, page } = await searchParams;
  const actor = await requirePageActor("user:manage", paths.accounts);
  const search = typeof q === "string" ? q.slice(0, 200) : "";
  const data = foundOr404(await listAccounts(actor, { search, page: parseRouteId(typeof page === "string" ? page : "") ?? 1 }));
  return <AccountsView data={data} viewerId={actor.id} />;
}

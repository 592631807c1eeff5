import Link from "next/link";
import { paths } from "@/lib/paths";
import styles from "./manage.module.css";
import type { CallStage } from "@/lib/domain/call-stage";
import { StageTag } from "./Tags";

export type CallPage = "overview" | "edit" | "appendices" | "invitations" | "assignments" | "ranking" | "calibration" | "portfolio" | "audit";

const PAGES: { key: CallPage; label: string; href: (id: number) => string }[] = [
  { key: "overview", label: "Overview", href: paths.manageCall },
  { key: "invitations", label: "Invitations", href: paths.callInvitations },
  { key: "assignments", label: "Assessors", href: paths.callAssignments },
  { key: "ranking", label: "Ranking", href: paths.callRanking },
  { key: "calibration", label: "How sure?", href: paths.callCalibration },
  { key: "portfolio", label: "Portfolio", href: paths.callPortfolio },
  { key: "edit", label: "Call settings", href: paths.editCall },
  { key: "appendices", label: "Appendices", href: paths.callAppendices },
  { key: "audit", label: "Audit log", href: paths.callAudit },
];

/** The call's name, the page's heading and the call's own navigation. */
export function CallHeader({
  call,
  current,
  title,
}: {
  call: { id: number; title: string; stage: CallStage; joint?: boolean; configurable?: boolean };
  current: CallPage | null;
  title?: string;
}) {
  return (
    <>
      <p className="muted">
        <Link href={paths.manage}>All calls</Link>
      </p>
      <span className="caption">
        {title ? call.title : "Call"} <StageTag stage={call.stage} />
      </span>
      <h1>{title ?? call.title}</h1>
      <nav aria-label="This call" className={styles.callNav}>
        <ul>
          {/* The portfolio optimiser is for home-only calls (lib/server/manage/scenarios.ts). */}
          {/* Only the home agency changes a call's settings. */}
          {PAGES.filter((p) => !(call.joint && p.key === "portfolio") && !(call.configurable === false && p.key === "edit")).map((p) => (
            <li key={p.key}>
              <Link href={p.href(call.id)} aria-current={p.key === current ? "page" : undefined}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

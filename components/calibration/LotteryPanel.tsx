import { ConfirmAction } from "@/components/manage/ConfirmAction";
import { formatDateTime, formatPounds } from "@/lib/format";
import { commitLotteryAction, drawLotteryAction, setLotteryAction } from "@/lib/server/actions/calibration-actions";
import type { LotteryView } from "@/lib/server/manage/calibration";
import { RedoLotteryForm } from "./RedoLotteryForm";

/** The optional lottery among proposals "too close to call" (lib/domain/calibration/lottery.ts). */
export function LotteryPanel({
  callId,
  enabled,
  lottery,
  closeCount,
  canDraw,
  locked,
  titles,
}: {
  callId: number;
  enabled: boolean;
  lottery: LotteryView | null;
  closeCount: number;
  /** A fresh, converged fit exists. */
  canDraw: boolean;
  /** Decisions released, or the call not closed. */
  locked: boolean;
  titles: Record<number, string>;
}) {
  const name = (id: number) => `${titles[id] ?? "Proposal"} (${id})`;
  return (
    <section aria-labelledby="lottery-heading">
      <h2 id="lottery-heading">Lottery for proposals too close to call</h2>
      <p>
        Instead of pretending to know which of the proposals around the funding line is better, a lottery can decide among
        them, as the Swiss National Science Foundation does. The seed&apos;s SHA-256 is published in the audit log before the draw
        and the seed after it, so anyone can check the draw with <code>npm run verify-draw -- {callId}</code>. The draw shuffles the
        group (sorted by proposal id) with the xoshiro128** generator seeded from the seed, then funds in drawn order while the
        remaining budget allows; the rest go on the reserve list. It pre-fills their decisions, which you can still change.
      </p>
      {locked ? <p>The lottery can be used while the call is closed and its decisions are not yet released.</p> : null}
      {!locked ? (
        <ConfirmAction
          label={enabled ? "Turn the lottery off" : "Turn the lottery on"}
          confirmLabel={enabled ? "Yes, turn it off" : "Yes, turn it on"}
          question={enabled ? "Turn the lottery off for this call?" : "Use a lottery for the proposals too close to call?"}
          input={{ callId, enabled: !enabled }}
          action={setLotteryAction}
        />
      ) : null}

      {lottery ? (
        <div className="notification">
          <h3>
            Lottery {lottery.id}: {lottery.status === "drawn" ? "drawn" : "seed committed, not yet drawn"}
          </h3>
          <dl className="summary-list">
            <div>
              <dt>Seed SHA-256 (published {formatDateTime(lottery.createdAt)})</dt>
              <dd>
                <code>{lottery.seedSha256}</code>
              </dd>
            </div>
            <div>
              <dt>Seed</dt>
              <dd>{lottery.seed ? <code>{lottery.seed}</code> : "Revealed after the draw"}</dd>
            </div>
            <div>
              <dt>Group, by proposal id</dt>
              <dd>{lottery.entries.map((e) => `${name(e.id)}: ${formatPounds(e.grantRequested)}`).join("; ")}</dd>
            </div>
            <div>
              <dt>Budget left for the group</dt>
              <dd>{formatPounds(lottery.remainingBudget)}</dd>
            </div>
            {lottery.drawOrder ? (
              <div>
                <dt>Drawn order{lottery.drawnAt ? ` (${formatDateTime(lottery.drawnAt)})` : ""}</dt>
                <dd>
                  <ol>
                    {lottery.drawOrder.map((id) => (
                      <li key={id}>
                        {name(id)}: {lottery.funded?.includes(id) ? "fund" : "reserve"}
                      </li>
                    ))}
                  </ol>
                </dd>
              </div>
            ) : null}
          </dl>
          {!locked && lottery.status === "committed" ? (
            <ConfirmAction
              label="Draw now"
              confirmLabel="Yes, draw"
              question="Draw the lottery? Its order pre-fills the group's decisions (fund or reserve)."
              input={{ callId, lotteryId: lottery.id }}
              action={drawLotteryAction}
            />
          ) : null}
          {!locked && enabled ? <RedoLotteryForm callId={callId} /> : null}
        </div>
      ) : enabled && !locked ? (
        canDraw && closeCount > 0 ? (
          <ConfirmAction
            label={`Prepare a draw among the ${closeCount} proposals too close to call`}
            confirmLabel="Yes, commit a seed"
            question="A random seed is chosen now and its SHA-256 recorded in the audit log. Continue?"
            input={{ callId }}
            action={commitLotteryAction}
          />
        ) : (
          <p>
            {closeCount === 0
              ? "No proposal is too close to call, so there is nothing to draw."
              : "The lottery waits for an up-to-date fit that has converged."}
          </p>
        )
      ) : null}
    </section>
  );
}

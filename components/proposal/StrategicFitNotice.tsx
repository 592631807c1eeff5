import { countryName } from "@/lib/domain/report/countries";
import type { StrategicFitResult } from "@/lib/domain/report/strategic-fit";

export const FIT_LABELS = {
  shortlisted: "Shortlisted pair",
  longlisted: "Longlisted pair",
  none: "No listed pair",
} as const;

export function StrategicFitTag({ level }: { level: StrategicFitResult["level"] }) {
  const tone = level === "shortlisted" ? "tag--green" : level === "longlisted" ? "tag--blue" : "";
  return <strong className={`tag ${tone}`}>{FIT_LABELS[level]}</strong>;
}

/** Whether the technology domain and a partner's country form a pair the report prioritised. */
export function StrategicFitNotice({ fit, live = false }: { fit: StrategicFitResult; live?: boolean }) {
  return (
    <section aria-labelledby="fit-title" className="fit" aria-live={live ? "polite" : undefined}>
      <h2 id="fit-title" className="h3">
        Strategic fit
      </h2>
      <p>
        <StrategicFitTag level={fit.level} />
      </p>
      {fit.level === "none" ? (
        <p className="hint">
          The technology domain and partner countries do not form a pair shortlisted (Table 6.2) or longlisted (Table 6.1)
          in the report. Proposals outside these pairs can still be funded.
        </p>
      ) : (
        <ul>
          {fit.matches.map((m) => (
            <li key={`${m.country}-${m.source}`}>
              {countryName(m.country)}
              {m.via === "EU" ? " (as an EU member)" : ""}: {m.source === "Table 6.2" ? "shortlisted" : "longlisted"} in{" "}
              {m.source}
              {m.opportunityTitle ? ` – ${m.opportunityTitle}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

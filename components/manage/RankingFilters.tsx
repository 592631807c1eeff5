import Link from "next/link";
import styles from "./manage.module.css";

export interface FilterOption {
  value: string;
  label: string;
}

const FIT_OPTIONS: FilterOption[] = [
  { value: "listed", label: "Shortlisted or longlisted pair" },
  { value: "shortlisted", label: "Shortlisted pair (Table 6.2)" },
  { value: "longlisted", label: "Longlisted pair (Table 6.1)" },
  { value: "none", label: "No listed pair" },
];

function Select({ name, label, options, value }: { name: string; label: string; options: FilterOption[]; value: string | undefined }) {
  const id = `filter-${name}`;
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: filters are in the address, so a filtered ranking can be bookmarked or shared. */
export function RankingFilters({
  action,
  filters,
  options,
}: {
  action: string;
  filters: { theme?: string; domain?: string; country?: string; rdCategory?: string; fit?: string };
  options: { themes: FilterOption[]; domains: FilterOption[]; countries: FilterOption[]; rdCategories: FilterOption[] };
}) {
  return (
    <form method="get" action={action} aria-labelledby="filters-title">
      <h2 id="filters-title">Filter the ranking</h2>
      <p className="hint">Filters only choose which proposals show. Ranks, the funding line and totals stay those of the whole call.</p>
      <div className={styles.filters}>
        <Select name="theme" label="Theme" options={options.themes} value={filters.theme} />
        <Select name="domain" label="Technology domain" options={options.domains} value={filters.domain} />
        <Select name="country" label="Partner country" options={options.countries} value={filters.country} />
        <Select name="rdCategory" label="R&D category" options={options.rdCategories} value={filters.rdCategory} />
        <Select name="fit" label="Strategic fit" options={FIT_OPTIONS} value={filters.fit} />
        <div className={styles.actions}>
          <button type="submit" className="button">
            Apply filters
          </button>
          <p>
            <Link href={action}>Clear filters</Link>
          </p>
        </div>
      </div>
    </form>
  );
}

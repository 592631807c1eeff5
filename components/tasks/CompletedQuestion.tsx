import { fieldId } from "@/components/form/field-id";
import { COMPLETED_OPTIONS, COMPLETED_QUESTION } from "@/lib/validation/completed-question";

/**
 * "Have you completed this section?" at the foot of a task (GOV.UK complete multiple tasks
 * pattern). Controlled when `value`/`onChange` are given, otherwise a plain form field named
 * "completed" with `defaultValue` (pages that work without JavaScript).
 */
export function CompletedQuestion({
  error,
  value,
  defaultValue,
  onChange,
}: {
  error?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (value: "yes" | "no") => void;
}) {
  const errorId = `${fieldId("completed")}-error`;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset aria-describedby={error ? errorId : undefined}>
        <legend className="h3">{COMPLETED_QUESTION}</legend>
        {error ? (
          <p className="error-message" id={errorId}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="radios">
          {COMPLETED_OPTIONS.map((option, i) => {
            const id = i === 0 ? fieldId("completed") : fieldId(`completed.${option.value}`);
            const controlled = onChange
              ? { checked: value === option.value, onChange: () => onChange(option.value) }
              : { defaultChecked: defaultValue === option.value };
            return (
              <div className="radio" key={option.value}>
                <input type="radio" id={id} name="completed" value={option.value} {...controlled} />
                <label htmlFor={id}>{option.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A labelled drop-down of fixed choices, each shown by its message (course categories, lesson kinds, question kinds).
 * With `anyText`, a first choice of no value stands for "any" (a filter).
 */
export function SelectField<T extends string>({
  id,
  name,
  label,
  choices,
  textOf,
  defaultValue,
  className,
  anyText,
}: {
  id: string;
  name: string;
  label: string;
  choices: readonly T[];
  textOf: (choice: T) => string;
  defaultValue: string;
  className?: string;
  anyText?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className={className ? `select ${className}` : 'select'} defaultValue={defaultValue}>
        {anyText === undefined ? null : <option value="">{anyText}</option>}
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {textOf(choice)}
          </option>
        ))}
      </select>
    </div>
  );
}

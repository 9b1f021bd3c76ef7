import { useCallback, useRef, useState } from "react";

/**
 * Controlled form values with per-field error codes: the few things these short forms need, without
 * a form library in the first bundle. Values live as long as the page, so a step back or a refused
 * attempt keeps them.
 */
export function useFormValues<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const inputs = useRef(new Map<F, HTMLInputElement>());

  const field = useCallback(
    (name: F) => ({
      name,
      value: values[name],
      onChange: (event: { target: { value: string } }) => {
        const value = event.target.value;
        setValues((current) => ({ ...current, [name]: value }));
      },
      ref: (element: HTMLInputElement | null) => {
        if (element) inputs.current.set(name, element);
        else inputs.current.delete(name);
      },
    }),
    [values],
  );

  const focus = useCallback((name: F) => inputs.current.get(name)?.focus(), []);
  const setValue = useCallback(
    (name: F, value: string) => setValues((current) => ({ ...current, [name]: value })),
    [],
  );

  return { values, setValue, errors, setErrors, field, focus };
}

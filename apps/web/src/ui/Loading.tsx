import { useUiTexts } from "./texts";

export function Loading() {
  const { loading } = useUiTexts();
  return (
    <p className="loading" role="status">
      {loading}
    </p>
  );
}

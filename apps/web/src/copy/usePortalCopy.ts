import { useQuery } from "@apollo/client/react";
import { useTranslation } from "../i18n";
import type { PortalCopyQuery as PortalCopyResult } from "../gql/graphql";
import { apiLanguage } from "../i18n/language";
import { PortalCopyQuery } from "./portal-copy.graphql";

export type PortalCopy = PortalCopyResult["portalCopy"];

/** Operator copy (config/portal-copy.json on the API) in the reader's language. */
export function usePortalCopy(): {
  copy: PortalCopy | undefined;
  loading: boolean;
  error: boolean;
} {
  const { i18n } = useTranslation();
  const { data, previousData, loading, error } = useQuery(PortalCopyQuery, {
    variables: { language: apiLanguage(i18n.language) },
  });
  // While the other language loads, keep showing the texts we have rather than a blank.
  const copy = (data ?? previousData)?.portalCopy;
  return { copy, loading: loading && !copy, error: Boolean(error) && !copy };
}

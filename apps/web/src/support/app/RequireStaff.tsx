import { useQuery } from "@apollo/client/react";
import { createContext, use } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { LoadFailed } from "../components/LoadFailed";
import { Loading } from "../../ui/Loading";
import type { StaffMeQuery as StaffMeData } from "../gql/graphql";
import { StaffMeQuery } from "./staff.graphql";

export type Staff = NonNullable<StaffMeData["staffMe"]>;

const StaffContext = createContext<Staff | null>(null);

/** The member of staff signed in (inside RequireStaff). */
export function useStaff(): Staff {
  const staff = use(StaffContext);
  if (!staff) throw new Error("useStaff outside RequireStaff");
  return staff;
}

/** The pages behind sign-in: without a staff session, to sign-in (and back here afterwards). */
export function RequireStaff() {
  const location = useLocation();
  const { data, loading, error, refetch } = useQuery(StaffMeQuery);
  if (loading && !data) return <Loading />;
  if (error && !data) return <LoadFailed onRetry={() => void refetch()} />;
  const staff = data?.staffMe;
  if (!staff) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <StaffContext value={staff}>
      <Outlet />
    </StaffContext>
  );
}

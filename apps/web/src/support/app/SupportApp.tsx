import { ApolloProvider, useApolloClient } from "@apollo/client/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { Loading } from "../../ui/Loading";
import { UiTextsProvider } from "../../ui/texts";
import SignInPage from "../routes/sign-in/SignInPage";
import { createSupportClient } from "./apollo";
import { RequireStaff } from "./RequireStaff";
import { onSessionEnded } from "./session";
import { StaffLayout } from "./StaffLayout";
import { staffUiTexts } from "./ui-texts";

// Sign-in is in the entry; the other pages load when first visited (the QR code's library only on /invite).
const InvitePage = lazy(() => import("../routes/invite/InvitePage"));
const SearchPage = lazy(() => import("../routes/search/SearchPage"));
const UserPage = lazy(() => import("../routes/user/UserPage"));
const ExplainPage = lazy(() => import("../routes/explain/ExplainPage"));
const NotFoundPage = lazy(() => import("../routes/not-found/NotFoundPage"));

/** UNAUTHENTICATED anywhere: to sign-in, coming back here afterwards. */
function SessionEndedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  useEffect(
    () =>
      onSessionEnded(() => {
        if (location.pathname === "/sign-in") return;
        // Nothing read under the ended session stays, the "who is signed in" answer included.
        void client.clearStore();
        void navigate("/sign-in", {
          replace: true,
          state: { from: location.pathname, notice: "sessionEnded" },
        });
      }),
    [navigate, location.pathname, client],
  );
  return null;
}

function SupportRoutes() {
  return (
    <StaffLayout>
      <SessionEndedRedirect />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Navigate to="/search" replace />} />
          <Route path="/invite" element={<InvitePage />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route element={<RequireStaff />}>
            <Route path="/search" element={<SearchPage />} />
            <Route path="/users/:id" element={<UserPage />} />
            <Route path="/explain" element={<ExplainPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </StaffLayout>
  );
}

export function SupportApp() {
  const [client] = useState(createSupportClient);
  return (
    <ApolloProvider client={client}>
      <BrowserRouter basename="/support">
        <UiTextsProvider texts={staffUiTexts}>
          <SupportRoutes />
        </UiTextsProvider>
      </BrowserRouter>
    </ApolloProvider>
  );
}

import { ApolloProvider } from "@apollo/client/react";
import { lazy, Suspense, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import { Loading } from "../ui/Loading";
import { RegisterPage } from "../routes/register/RegisterPage";
import { createApolloClient } from "./apollo";
import { ErrorBoundary } from "./ErrorBoundary";
import { Layout } from "./Layout";
import { CustomerUiTexts } from "./ui-texts";

// The enrollment route is in the first bundle; every other page loads when first visited.
const SignInPage = lazy(() => import("../routes/sign-in/SignInPage"));
const CheckEmailPage = lazy(() => import("../routes/check-email/CheckEmailPage"));
const VerifyPage = lazy(() => import("../routes/set-password/VerifyPage"));
const ResetPasswordPage = lazy(() => import("../routes/set-password/ResetPasswordPage"));
const ContractsPage = lazy(() => import("../routes/contracts/ContractsPage"));
const ResendPage = lazy(() => import("../routes/email-request/ResendPage"));
const ForgotPasswordPage = lazy(() => import("../routes/email-request/ForgotPasswordPage"));
const SignedOutPage = lazy(() => import("../routes/signed-out/SignedOutPage"));
const DevMailboxPage = lazy(() => import("../routes/dev-mailbox/DevMailboxPage"));
const NotFoundPage = lazy(() => import("../routes/not-found/NotFoundPage"));

function AppRoutes() {
  const location = useLocation();
  return (
    <Layout>
      <ErrorBoundary resetKey={location.pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Navigate to="/sign-in" replace />} />
            <Route path="/register" element={<RegisterPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/check-email" element={<CheckEmailPage />} />
            <Route path="/verify" element={<VerifyPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route path="/contracts" element={<ContractsPage />} />
            <Route path="/resend" element={<ResendPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/signed-out" element={<SignedOutPage />} />
            <Route path="/dev/mailbox" element={<DevMailboxPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  const [client] = useState(createApolloClient);
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <CustomerUiTexts>
          <AppRoutes />
        </CustomerUiTexts>
      </BrowserRouter>
    </ApolloProvider>
  );
}

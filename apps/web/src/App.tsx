/** Placeholder until the enrollment wizard lands: shows the portal is up and where the API is. */
export function App() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem" }}>
      <h1>Customer Portal</h1>
      <p>Sign in to see your contracts.</p>
      <p>
        New here? <a href="/graphql">Register Here</a> — the enrollment wizard is on its way; until then the
        self-enrollment API can be explored in Apollo Sandbox at <code>/graphql</code>.
      </p>
    </main>
  );
}

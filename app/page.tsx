// Home: placeholder until the dashboard lands.
export default function Home() {
  return (
    <main style={{ padding: 32 }}>
      <h1>Faultline</h1>
      <p>Self-hosted error tracking that speaks Sentry&apos;s protocol.</p>
    </main>
  );
}

/** Any unknown URL: a real 404 status with the Persian (or English) not-found page from the root error boundary. */
export function loader() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}

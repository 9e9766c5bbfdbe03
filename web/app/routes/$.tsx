/** Any address no other route claims: a 404 in the user's language, inside the normal layout. */
export function loader() {
  throw new Response(null, { status: 404, statusText: 'Not Found' });
}

export default function NotFound() {
  return null;
}

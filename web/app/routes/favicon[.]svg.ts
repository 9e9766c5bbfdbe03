/** The favicon, drawn in SVG and served by the app itself (locally and on AWS alike). */
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#C8161D"/><path fill="#fff" d="m16 6 2.6 6.6 7 .4-5.4 4.5 1.8 6.9L16 20.5l-6 3.9 1.8-6.9L6.4 13l7-.4z"/></svg>`;

export function loader() {
  return new Response(svg, {
    headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
  });
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Suspense, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderHtmlStream } from './html-stream.server';

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

/** Many short texts of 2-, 3- and 4-byte characters, after `pad` ASCII bytes, so they straddle every 2 KB boundary. */
function Page({ pad }: { pad: number }) {
  const labels = ['所在单位', 'Größe', '党建学习 · 第一党支部', '𠀀𠀁 ꆈꌠ', 'ordinary'];
  return (
    <main>
      <p>{'x'.repeat(pad)}</p>
      <ul>
        {Array.from({ length: 250 }, (_, i) => (
          <li key={i}>{labels[i % labels.length]}</li>
        ))}
      </ul>
    </main>
  );
}

type Render = (element: ReactNode) => Promise<Buffer>;

/** Every padding up to a whole 2,048-byte buffer puts every character at every offset of a boundary. */
async function expectCleanAtEveryOffset(render: Render) {
  const expected = await render(<Page pad={0} />);
  expect(expected.length).toBeGreaterThan(2 * 2048);
  for (let pad = 0; pad < 2048; pad++) {
    const bytes = await render(<Page pad={pad} />);
    expect(bytes.indexOf(0), `NUL at pad ${pad}`).toBe(-1);
    expect(bytes.toString('utf8').includes('\uFFFD'), `U+FFFD at pad ${pad}`).toBe(false);
    expect(bytes.length, `pad ${pad}`).toBe(expected.length + pad);
  }
}

describe('renderHtmlStream', () => {
  it('writes no NUL byte and no broken character, whatever offset a multi-byte character falls at', async () => {
    let shell = false;
    await expectCleanAtEveryOffset(async (element) => {
      shell = !shell; // alternately streamed from the shell and rendered whole
      return bytesOf((await renderHtmlStream(element, { waitForAll: !shell, timeoutMs: 5_000 })) as unknown as AsyncIterable<Uint8Array>);
    });
  });

  it('holds for the production renderer the Lambda bundles (the patch covers both builds)', async () => {
    const require = createRequire(import.meta.url);
    // Not an export of the package: reached through its directory.
    const cjs = join(dirname(require.resolve('react-dom/package.json')), 'cjs', 'react-dom-server.node.production.min.js');
    const production = require(cjs) as typeof import('react-dom/server');
    await expectCleanAtEveryOffset(
      (element) =>
        new Promise((resolve, reject) => {
          const { pipe } = production.renderToPipeableStream(element, {
            onAllReady() {
              const body = new PassThrough();
              bytesOf(body).then(resolve, reject);
              pipe(body);
            },
            onShellError: reject,
          });
        }),
    );
  });

  it('stops quietly when the reader goes away mid-page, with the rest of the page still to come', async () => {
    let release!: () => void;
    const later = new Promise<void>((resolve) => (release = resolve));
    let ready = false;
    void later.then(() => (ready = true));
    function Slow() {
      if (!ready) throw later;
      return <p>{'后来的内容'.repeat(2000)}</p>;
    }
    const unhandled: unknown[] = [];
    const onError = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onError);
    try {
      const stream = await renderHtmlStream(
        <main>
          <h1>{'先到的内容'.repeat(500)}</h1>
          <Suspense fallback={<p>…</p>}>
            <Slow />
          </Suspense>
        </main>,
        { waitForAll: false, timeoutMs: 5_000 },
      );
      const reader = stream.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      await reader.cancel();
      release();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});


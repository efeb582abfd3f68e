"""Serves a folder over HTTP on loopback with the MIME types the page needs.

python3 -m http.server guesses from the system's tables, which may lack .wasm or .webmanifest
and send text without a charset; this pins them. Usage: static_server.py DIR [PORT] [HOST].
"""
import functools
import http.server
import sys

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".wasm": "application/wasm",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        # A fresh build must reach the browser; the service worker does the offline caching.
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        # No page of another origin may show this one in a frame (a meta tag cannot say this).
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'")
        super().end_headers()


def main():
    root = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
    host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Serving {root} at http://localhost:{server.server_address[1]}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
